#ifndef ROSTER_GLPK_SHIM_H
#define ROSTER_GLPK_SHIM_H
#endif
