#include "glpk_shim.h"
