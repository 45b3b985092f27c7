#ifndef ROSTER_CGLPK_SHIM_H
#define ROSTER_CGLPK_SHIM_H
#include <glpk.h>
#endif
