// SPDX-License-Identifier: GPL-3.0-or-later
#include "glpk_shim.h"

#include <glpk.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

enum { ROSTER_OUTPUT_CAPACITY = 4096 };

static _Thread_local jmp_buf *roster_active_jump = NULL;
static _Thread_local char roster_output[ROSTER_OUTPUT_CAPACITY];
static _Thread_local size_t roster_output_length = 0;
static _Thread_local roster_glpk_echo roster_echo = ROSTER_GLPK_ECHO_NONE;

static void roster_append_output(const char *s) {
    size_t n = strlen(s);
    if (n >= ROSTER_OUTPUT_CAPACITY) {
        s += n - (ROSTER_OUTPUT_CAPACITY - 1);
        n = ROSTER_OUTPUT_CAPACITY - 1;
    }
    if (roster_output_length + n >= ROSTER_OUTPUT_CAPACITY) {
        // Keep the tail: drop the oldest bytes.
        size_t drop = roster_output_length + n - (ROSTER_OUTPUT_CAPACITY - 1);
        memmove(roster_output, roster_output + drop, roster_output_length - drop);
        roster_output_length -= drop;
    }
    memcpy(roster_output + roster_output_length, s, n);
    roster_output_length += n;
    roster_output[roster_output_length] = '\0';
}

static int roster_term_hook(void *info, const char *s) {
    (void)info;
    roster_append_output(s);
    switch (roster_echo) {
    case ROSTER_GLPK_ECHO_STDERR: fputs(s, stderr); break;
    case ROSTER_GLPK_ECHO_STDOUT: fputs(s, stdout); break;
    default: break;
    }
    return 1; // non-zero: GLPK prints nothing itself
}

static void roster_error_hook(void *info) {
    (void)info;
    if (roster_active_jump != NULL) {
        longjmp(*roster_active_jump, 1);
    }
    // No guard is active: nothing safe remains; GLPK will abort() when we return.
}

int roster_glpk_guard(void (*body)(void *context), void *context, roster_glpk_echo echo) {
    jmp_buf jump;
    roster_output_length = 0;
    roster_output[0] = '\0';
    roster_echo = echo;
    glp_term_hook(roster_term_hook, NULL);
    roster_active_jump = &jump;
    if (setjmp(jump) == 0) {
        glp_error_hook(roster_error_hook, NULL);
        body(context);
        glp_error_hook(NULL, NULL);
        roster_active_jump = NULL;
        glp_term_hook(NULL, NULL);
        return 0;
    }
    roster_active_jump = NULL;
    // The GLPK manual: after a fatal error the environment must be freed before GLPK is used again.
    glp_free_env();
    return 1;
}

const char *roster_glpk_last_output(void) {
    return roster_output;
}
