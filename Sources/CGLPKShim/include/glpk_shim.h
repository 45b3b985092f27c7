// SPDX-License-Identifier: GPL-3.0-or-later
// The only C of roster's own: what Swift cannot do around GLPK.
//
// 1. A setjmp guard. GLPK reports a fatal error (an invalid argument, an internal failure) by
//    printing a message and calling the hook set with glp_error_hook; if the hook returns, GLPK
//    calls abort(). The guard's hook longjmps back to roster_glpk_guard, which then frees the
//    thread's whole GLPK environment (glp_free_env, as the GLPK manual prescribes after such an
//    error) and returns a failure code, so Swift can throw instead of the process dying.
// 2. An output hook. GLPK's terminal output is captured into a per-thread buffer and, only when
//    asked, copied to stderr or stdout.
//
// GLPK keeps its environment per thread (thread-local storage). So does this shim.
#ifndef ROSTER_GLPK_SHIM_H
#define ROSTER_GLPK_SHIM_H

#include <stddef.h>

/// Where GLPK's own terminal output goes besides the capture buffer.
typedef enum {
    ROSTER_GLPK_ECHO_NONE = 0,
    ROSTER_GLPK_ECHO_STDERR = 1,
    ROSTER_GLPK_ECHO_STDOUT = 2
} roster_glpk_echo;

/// Runs `body(context)` with GLPK's error hook and terminal hook installed on this thread.
/// Returns 0 when body returned normally, and 1 when GLPK raised a fatal error inside it; then
/// every GLPK object created on this thread is gone (the environment has been freed), and
/// roster_glpk_last_output() holds GLPK's message. Calls may not be nested.
int roster_glpk_guard(void (*body)(void *context), void *context, roster_glpk_echo echo);

/// The tail (at most 4 KiB) of GLPK's terminal output on this thread since the last guard began.
const char *roster_glpk_last_output(void);

#endif
