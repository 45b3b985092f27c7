#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""External comparison of HiGHS and OR-Tools CP-SAT on the Curtois & Qu staff scheduling instances.

Not part of the product. Both solvers get the same compact model (Docs/nrp.md, "Formulation"), the
same time limit and the same thread count; each roster is written as CSV (employee,day,shift, day
0-based), its objective is recomputed here from the instance, its hard rules are re-checked here, and
with --roster it is also passed to `roster nrp check INSTANCE CSV`.

    python3 Scripts/nrp-compare.py [--time-limit 60] [--threads 2] [--solvers highs,cpsat]
        [--out-dir /tmp/nrp-compare] [--roster .build-nrp/release/roster] INSTANCE...

Needs: pip install highspy ortools   (add --break-system-packages if pip refuses)
Exit status: 0 all fine, 1 a roster breaks a hard rule or an objective disagrees, 2 bad input/setup.
"""
import argparse
import math
import os
import re
import subprocess
import sys
import time

DEFAULT_README = "/work/shared/benchmarks/nrp/README.md"
SOLVER_NAMES = {"highs": "HiGHS", "cpsat": "CP-SAT"}


class InputError(Exception):
    pass


# --------------------------------------------------------------------------------------------------
# Instance parsing
# --------------------------------------------------------------------------------------------------

SECTIONS = ["SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
            "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER"]


class Instance:
    def __init__(self, path):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.horizon = 0
        self.shifts = []          # shift IDs in file order
        self.length = {}          # shift -> minutes
        self.succ = {}            # shift -> set of shifts forbidden next day
        self.staff = []           # employee IDs in file order
        self.max_shifts = {}      # (e, s) -> n
        self.max_total = {}
        self.min_total = {}
        self.max_cons = {}
        self.min_cons = {}
        self.min_off = {}
        self.max_weekends = {}
        self.days_off = {}        # e -> set of days
        self.on_req = []          # (e, d, s, w)
        self.off_req = []         # (e, d, s, w)
        self.cover = []           # (d, s, req, under_w, over_w)


def _int(tok, where, what):
    try:
        return int(tok.strip())
    except ValueError:
        raise InputError(f"{where}: {what} is not an integer: {tok.strip()!r}")


def parse_instance(path):
    if not os.path.isfile(path):
        raise InputError(f"{path}: no such file")
    try:
        with open(path, "r", encoding="ascii", errors="strict") as f:
            raw = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read: {e}")
    inst = Instance(path)
    section = None
    seen = []
    pending_succ = []
    for lineno, line in enumerate(raw, 1):
        line = line.rstrip("\r").strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{lineno}"
        if line.startswith("SECTION_"):
            if line not in SECTIONS:
                raise InputError(f"{where}: unknown section {line!r}")
            if line in seen:
                raise InputError(f"{where}: section {line} appears twice")
            section = line
            seen.append(line)
            continue
        if section is None:
            raise InputError(f"{where}: data before the first section")
        f = [t.strip() for t in line.split(",")]
        if section == "SECTION_HORIZON":
            inst.horizon = _int(f[0], where, "horizon")
            if inst.horizon <= 0:
                raise InputError(f"{where}: horizon must be positive")
        elif section == "SECTION_SHIFTS":
            if len(f) < 2:
                raise InputError(f"{where}: shift line needs ID, length[, successors]")
            s = f[0]
            if s in inst.length:
                raise InputError(f"{where}: duplicate shift {s!r}")
            inst.shifts.append(s)
            inst.length[s] = _int(f[1], where, "shift length")
            succ = [t.strip() for t in f[2].split("|")] if len(f) > 2 else []
            inst.succ[s] = set(t for t in succ if t)
            pending_succ.append((where, s))
        elif section == "SECTION_STAFF":
            if len(f) != 8:
                raise InputError(f"{where}: staff line needs 8 fields, has {len(f)}")
            e = f[0]
            if e in inst.max_total:
                raise InputError(f"{where}: duplicate employee {e!r}")
            inst.staff.append(e)
            ms = {}
            for part in f[1].split("|"):
                part = part.strip()
                if not part:
                    continue
                if "=" not in part:
                    raise InputError(f"{where}: MaxShifts entry {part!r} is not ShiftID=n")
                s, n = part.split("=", 1)
                s = s.strip()
                if s not in inst.length:
                    raise InputError(f"{where}: MaxShifts names unknown shift {s!r}")
                ms[s] = _int(n, where, f"MaxShifts[{s}]")
            for s in inst.shifts:
                if s not in ms:
                    raise InputError(f"{where}: MaxShifts has no entry for shift {s!r}")
                inst.max_shifts[(e, s)] = ms[s]
            inst.max_total[e] = _int(f[2], where, "MaxTotalMinutes")
            inst.min_total[e] = _int(f[3], where, "MinTotalMinutes")
            inst.max_cons[e] = _int(f[4], where, "MaxConsecutiveShifts")
            inst.min_cons[e] = _int(f[5], where, "MinConsecutiveShifts")
            inst.min_off[e] = _int(f[6], where, "MinConsecutiveDaysOff")
            inst.max_weekends[e] = _int(f[7], where, "MaxWeekends")
            inst.days_off[e] = set()
        else:
            # all remaining sections reference staff / shifts / days
            def emp(tok):
                if tok not in inst.max_total:
                    raise InputError(f"{where}: unknown employee {tok!r}")
                return tok

            def shift(tok):
                if tok not in inst.length:
                    raise InputError(f"{where}: unknown shift {tok!r}")
                return tok

            def day(tok):
                d = _int(tok, where, "day")
                if not 0 <= d < inst.horizon:
                    raise InputError(f"{where}: day {d} outside 0..{inst.horizon - 1}")
                return d

            if section == "SECTION_DAYS_OFF":
                e = emp(f[0])
                for tok in f[1:]:
                    if tok:
                        inst.days_off[e].add(day(tok))
            elif section in ("SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS"):
                if len(f) != 4:
                    raise InputError(f"{where}: request line needs 4 fields, has {len(f)}")
                req = (emp(f[0]), day(f[1]), shift(f[2]), _int(f[3], where, "weight"))
                (inst.on_req if section == "SECTION_SHIFT_ON_REQUESTS" else inst.off_req).append(req)
            elif section == "SECTION_COVER":
                if len(f) != 5:
                    raise InputError(f"{where}: cover line needs 5 fields, has {len(f)}")
                inst.cover.append((day(f[0]), shift(f[1]), _int(f[2], where, "requirement"),
                                   _int(f[3], where, "under weight"), _int(f[4], where, "over weight")))
    for sec in ("SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF"):
        if sec not in seen:
            raise InputError(f"{path}: missing {sec}")
    for where, s in pending_succ:
        for t in inst.succ[s]:
            if t not in inst.length:
                raise InputError(f"{where}: successor {t!r} of shift {s!r} is not a shift")
    return inst


def parse_best_known(readme):
    """Map instance number -> best known objective from the README's 'Best known results' table."""
    best = {}
    try:
        with open(readme, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return best
    cols = None
    for line in lines:
        line = line.strip()
        if not line.startswith("|"):
            cols = None if not line else cols
            continue
        cells = [c.strip().lower() for c in line.strip("|").split("|")]
        if "instance" in cells and "best known" in cells:
            cols = (cells.index("instance"), cells.index("best known"))
            continue
        if cols is None:
            continue
        try:
            best[int(cells[cols[0]])] = int(cells[cols[1]])
        except (ValueError, IndexError):
            pass
    return best


def instance_number(path):
    m = re.search(r"Instance(\d+)", os.path.basename(path), re.I)
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------------------------------
# The compact model (Docs/nrp.md, "Formulation"), solver independent
# --------------------------------------------------------------------------------------------------

class Model:
    def __init__(self):
        self.lb, self.ub, self.names = [], [], []
        self.cost = []
        self.offset = 0
        self.rows = []            # (lo or None, hi or None, [idx], [coef])
        self.x = {}               # (e, d, s) -> idx
        self.k = {}               # (e, w) -> idx
        self.u, self.o = {}, {}   # cover row index -> idx

    def var(self, name, lb, ub, cost=0):
        self.lb.append(lb)
        self.ub.append(ub)
        self.names.append(name)
        self.cost.append(cost)
        return len(self.lb) - 1

    def row(self, lo, hi, terms):
        idx = [i for i, _ in terms]
        coef = [c for _, c in terms]
        self.rows.append((lo, hi, idx, coef))


def build_model(inst):
    m = Model()
    h, S = inst.horizon, inst.shifts
    for e in inst.staff:
        for d in range(h):
            if d in inst.days_off[e]:
                continue
            for s in S:
                if inst.max_shifts[(e, s)] > 0:
                    m.x[(e, d, s)] = m.var(f"x[{e},{d},{s}]", 0, 1)

    def xs(e, d):
        return [m.x[(e, d, s)] for s in S if (e, d, s) in m.x] if 0 <= d < h else []

    # objective: requests
    for e, d, s, q in inst.on_req:
        m.offset += q
        if (e, d, s) in m.x:
            m.cost[m.x[(e, d, s)]] -= q
    for e, d, s, q in inst.off_req:
        if (e, d, s) in m.x:
            m.cost[m.x[(e, d, s)]] += q

    seen_rows = set()

    def le(terms, hi):
        """Add sum(terms) <= hi unless it is empty or a duplicate."""
        if not terms:
            if 0 > hi:
                raise InputError(f"{inst.path}: the model is infeasible (empty row 0 <= {hi})")
            return
        key = (tuple(sorted(terms)), hi)
        if key in seen_rows:
            return
        seen_rows.add(key)
        m.row(None, hi, terms)

    n_weekends = h // 7
    for e in inst.staff:
        # 1. at most one shift per day
        for d in range(h):
            v = xs(e, d)
            if len(v) > 1:
                le([(i, 1) for i in v], 1)
        # 2. rotation, both clique directions
        for d in range(h - 1):
            for s in S:
                if (e, d, s) not in m.x:
                    continue
                nxt = [m.x[(e, d + 1, t)] for t in S if t in inst.succ[s] and (e, d + 1, t) in m.x]
                if nxt:
                    le([(m.x[(e, d, s)], 1)] + [(i, 1) for i in nxt], 1)
            for t in S:
                if (e, d + 1, t) not in m.x:
                    continue
                prv = [m.x[(e, d, s)] for s in S if t in inst.succ[s] and (e, d, s) in m.x]
                if prv:
                    le([(i, 1) for i in prv] + [(m.x[(e, d + 1, t)], 1)], 1)
        # 3. max shifts per type
        for s in S:
            v = [m.x[(e, d, s)] for d in range(h) if (e, d, s) in m.x]
            if len(v) > inst.max_shifts[(e, s)]:
                le([(i, 1) for i in v], inst.max_shifts[(e, s)])
        # 4. total minutes
        terms = [(m.x[(e, d, s)], inst.length[s]) for d in range(h) for s in S if (e, d, s) in m.x]
        most = sum(c for _, c in terms)
        lo = inst.min_total[e] if inst.min_total[e] > 0 else None
        hi = inst.max_total[e] if inst.max_total[e] < most else None
        if lo is not None and lo > most:
            raise InputError(f"{inst.path}: employee {e} cannot reach MinTotalMinutes")
        if lo is not None or hi is not None:
            m.row(lo, hi, terms)
        # 5. max consecutive working days: every window of C+1 days has at most C
        C = inst.max_cons[e]
        if 0 <= C < h:
            for d in range(h - C):
                le([(i, 1) for j in range(d, d + C + 1) for i in xs(e, j)], C)
        # 6. min consecutive shifts, runs strictly inside the horizon only
        for l in range(1, inst.min_cons[e]):
            for d in range(1, h - l):
                terms = [(i, -1) for i in xs(e, d - 1)]
                terms += [(i, 1) for j in range(l) for i in xs(e, d + j)]
                terms += [(i, -1) for i in xs(e, d + l)]
                # redundant if a day of the run can never be worked
                if all(xs(e, d + j) for j in range(l)):
                    le(terms, l - 1)
        # 7. min consecutive days off, runs strictly inside the horizon only
        for l in range(1, inst.min_off[e]):
            for d in range(1, h - l):
                before, after = xs(e, d - 1), xs(e, d + l)
                if not before or not after:
                    continue  # cannot work on both sides: row is redundant
                terms = [(i, 1) for i in before]
                terms += [(i, -1) for j in range(l) for i in xs(e, d + j)]
                terms += [(i, 1) for i in after]
                le(terms, 1)
        # 8. weekends
        workable = [w for w in range(n_weekends) if xs(e, 7 * w + 5) or xs(e, 7 * w + 6)]
        if inst.max_weekends[e] < len(workable):
            for w in workable:
                k = m.k[(e, w)] = m.var(f"k[{e},{w}]", 0, 1)
                for d in (7 * w + 5, 7 * w + 6):
                    for i in xs(e, d):
                        le([(i, 1), (k, -1)], 0)
            le([(m.k[(e, w)], 1) for w in workable], inst.max_weekends[e])
    # cover rows: sum x + u - o = R
    for r, (d, s, req, cu, co) in enumerate(inst.cover):
        v = [m.x[(e, d, s)] for e in inst.staff if (e, d, s) in m.x]
        u = m.u[r] = m.var(f"u[{d},{s}]", 0, max(req, 0), cu)
        o = m.o[r] = m.var(f"o[{d},{s}]", 0, len(v), co)
        m.row(req, req, [(i, 1) for i in v] + [(u, 1), (o, -1)])
    return m


def roster_from_values(inst, m, value):
    """[(e, d, s)] from a function idx -> value."""
    return [(e, d, s) for (e, d, s), i in m.x.items() if value(i) > 0.5]


# --------------------------------------------------------------------------------------------------
# Solvers
# --------------------------------------------------------------------------------------------------

def quiet_highs():
    """A silent highspy.Highs (its first construction prints a banner on fd 1: swallow it)."""
    import highspy
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    return h


def solve_highs(inst, t0, time_limit, threads):
    import highspy
    import numpy as np
    m = build_model(inst)
    n = len(m.lb)
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(m.rows)
    lp.col_cost_ = np.array(m.cost, dtype=np.double)
    lp.col_lower_ = np.array(m.lb, dtype=np.double)
    lp.col_upper_ = np.array(m.ub, dtype=np.double)
    lp.row_lower_ = np.array([-inf if lo is None else lo for lo, _, _, _ in m.rows], dtype=np.double)
    lp.row_upper_ = np.array([inf if hi is None else hi for _, hi, _, _ in m.rows], dtype=np.double)
    starts, index, value = [0], [], []
    for _, _, idx, coef in m.rows:
        index.extend(idx)
        value.extend(coef)
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.double)
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = len(m.rows)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    lp.offset_ = float(m.offset)
    h = quiet_highs()
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", int(threads))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.passModel(lp)
    h.run()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    has_sol = info.primal_solution_status == 2  # kSolutionStatusFeasible
    obj = bound = None
    roster = None
    if has_sol:
        col = list(h.getSolution().col_value)
        obj = info.objective_function_value
        roster = roster_from_values(inst, m, lambda i: col[i])
    b = info.mip_dual_bound
    if b is not None and math.isfinite(b):
        bound = b
    return dict(status=status, objective=obj, bound=bound, roster=roster,
                wall=time.monotonic() - t0, size=(n, len(m.rows)))


def solve_cpsat(inst, t0, time_limit, threads):
    from ortools.sat.python import cp_model
    m = build_model(inst)
    model = cp_model.CpModel()
    vs = []
    for i, (lb, ub, name) in enumerate(zip(m.lb, m.ub, m.names)):
        vs.append(model.new_bool_var(name) if (lb, ub) == (0, 1) else model.new_int_var(lb, ub, name))
    for lo, hi, idx, coef in m.rows:
        expr = cp_model.LinearExpr.weighted_sum([vs[i] for i in idx], coef)
        if lo is not None and hi is not None:
            model.add_linear_constraint(expr, lo, hi)
        elif hi is not None:
            model.add(expr <= hi)
        else:
            model.add(expr >= lo)
    nz = [(vs[i], c) for i, c in enumerate(m.cost) if c]
    model.minimize(cp_model.LinearExpr.weighted_sum([v for v, _ in nz], [c for _, c in nz]) + m.offset)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(threads)
    st = solver.solve(model)
    status = solver.status_name(st)
    obj = bound = roster = None
    if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        obj = solver.objective_value
        roster = roster_from_values(inst, m, lambda i: solver.value(vs[i]))
        bound = solver.best_objective_bound
    elif st == cp_model.UNKNOWN:
        b = solver.best_objective_bound
        bound = b if math.isfinite(b) else None
    return dict(status=status, objective=obj, bound=bound, roster=roster,
                wall=time.monotonic() - t0, size=(len(vs), len(m.rows)))


SOLVE = {"highs": solve_highs, "cpsat": solve_cpsat}


# --------------------------------------------------------------------------------------------------
# Independent evaluation of a roster (from the CSV as written)
# --------------------------------------------------------------------------------------------------

def write_csv(path, inst, roster):
    order = {e: i for i, e in enumerate(inst.staff)}
    with open(path, "w") as f:
        f.write("employee,day,shift\n")
        for e, d, s in sorted(roster, key=lambda r: (order[r[0]], r[1])):
            f.write(f"{e},{d},{s}\n")


def read_csv(path, inst):
    out = []
    with open(path) as f:
        lines = f.read().splitlines()
    if not lines or lines[0].strip() != "employee,day,shift":
        raise InputError(f"{path}: bad header")
    for lineno, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        e, d, s = [t.strip() for t in line.split(",")]
        if e not in inst.max_total or s not in inst.length:
            raise InputError(f"{path}:{lineno}: unknown employee or shift")
        out.append((e, int(d), s))
    return out


def evaluate(inst, roster):
    """Objective (from requests and cover) and a list of broken hard rules, per the README reading."""
    h = inst.horizon
    a = {}
    viol = []
    for e, d, s in roster:
        if (e, d) in a:
            viol.append(f"1: {e} has two shifts on day {d}")
        a[(e, d)] = s
    obj = 0
    for e, d, s, q in inst.on_req:
        if a.get((e, d)) != s:
            obj += q
    for e, d, s, q in inst.off_req:
        if a.get((e, d)) == s:
            obj += q
    for d, s, req, cu, co in inst.cover:
        n = sum(1 for e in inst.staff if a.get((e, d)) == s)
        obj += cu * max(req - n, 0) + co * max(n - req, 0)
    for e in inst.staff:
        work = [(e, d) in a for d in range(h)]
        for d in range(h - 1):
            if work[d] and work[d + 1] and a[(e, d + 1)] in inst.succ[a[(e, d)]]:
                viol.append(f"2: {e} {a[(e, d)]} on day {d} then {a[(e, d + 1)]}")
        for s in inst.shifts:
            c = sum(1 for d in range(h) if a.get((e, d)) == s)
            if c > inst.max_shifts[(e, s)]:
                viol.append(f"3: {e} works {s} {c} times > {inst.max_shifts[(e, s)]}")
        mins = sum(inst.length[a[(e, d)]] for d in range(h) if work[d])
        if not inst.min_total[e] <= mins <= inst.max_total[e]:
            viol.append(f"4: {e} works {mins} min")
        # runs
        d = 0
        while d < h:
            j = d
            while j < h and work[j] == work[d]:
                j += 1
            length, inside = j - d, d > 0 and j < h
            if work[d] and length > inst.max_cons[e]:
                viol.append(f"5: {e} works {length} days in a row from day {d}")
            if work[d] and inside and length < inst.min_cons[e]:
                viol.append(f"6: {e} works only {length} days from day {d}")
            if not work[d] and inside and length < inst.min_off[e]:
                viol.append(f"7: {e} has only {length} days off from day {d}")
            d = j
        wk = sum(1 for w in range(h // 7) if work[7 * w + 5] or work[7 * w + 6])
        if wk > inst.max_weekends[e]:
            viol.append(f"8: {e} works {wk} weekends")
        for d in inst.days_off[e]:
            if work[d]:
                viol.append(f"9: {e} works on day off {d}")
    return obj, viol


def run_checker(roster_bin, instance, csv):
    """Run `roster nrp check`; returns (objective or None, all_ok or None, note)."""
    try:
        p = subprocess.run([roster_bin, "nrp", "check", instance, csv], capture_output=True,
                           text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, None, f"checker failed to run: {e}"
    text = p.stdout + "\n" + p.stderr
    mo = re.search(r"^\s*objective:\s*(-?\d+)", text, re.M)
    mh = re.search(r"^\s*hard constraints:(.*)$", text, re.M)
    obj = int(mo.group(1)) if mo else None
    ok = None if mh is None else ("all satisfied" in mh.group(1))
    note = "" if (mo and mh) else f"unexpected checker output (exit {p.returncode}): {text.strip()[:300]}"
    return obj, ok, note


# --------------------------------------------------------------------------------------------------

def fmt_num(v):
    if v is None:
        return "—"
    if abs(v - round(v)) < 1e-6:
        return str(int(round(v)))
    return f"{v:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("instances", nargs="+", metavar="INSTANCE")
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds per solver run (default 60)")
    ap.add_argument("--threads", type=int, default=2, help="threads per solver (default 2)")
    ap.add_argument("--solvers", default="highs,cpsat", help="comma list of highs,cpsat")
    ap.add_argument("--out-dir", default="/tmp/nrp-compare", help="where rosters go")
    ap.add_argument("--roster", metavar="PATH", help="roster binary: check every roster with `nrp check`")
    ap.add_argument("--readme", default=None, help="README with the best known table "
                    "(default: beside the instance, else " + DEFAULT_README + ")")
    args = ap.parse_args()

    def die(msg):
        print(f"nrp-compare: error: {msg}", file=sys.stderr)
        sys.exit(2)

    if args.time_limit <= 0 or args.threads < 1:
        die("--time-limit must be > 0 and --threads >= 1")
    solvers = [s.strip().lower() for s in args.solvers.split(",") if s.strip()]
    for s in solvers:
        if s not in SOLVE:
            die(f"unknown solver {s!r} (choose from: highs, cpsat)")
    if not solvers:
        die("no solver selected")
    versions = {}
    for s in solvers:
        try:
            if s == "highs":
                import highspy
                import numpy  # noqa: F401
                versions[s] = f"highspy {quiet_highs().version()}"
            else:
                import ortools
                from ortools.sat.python import cp_model  # noqa: F401
                versions[s] = f"ortools {ortools.__version__}"
        except ImportError as e:
            pkg = "highspy" if s == "highs" else "ortools"
            die(f"{SOLVER_NAMES[s]} is not installed ({e}); run: pip install {pkg} "
                "(add --break-system-packages if pip refuses)")
    if args.roster:
        if not (os.path.isfile(args.roster) and os.access(args.roster, os.X_OK)):
            die(f"--roster {args.roster}: not an executable file")
        try:
            p = subprocess.run([args.roster, "nrp", "check", "--help"], capture_output=True,
                               text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            die(f"--roster {args.roster}: cannot run: {e}")
        if p.returncode != 0:
            die(f"--roster {args.roster}: has no `nrp check` subcommand (exit {p.returncode})")
    instances = []
    try:
        for path in args.instances:
            instances.append(parse_instance(path))
    except InputError as e:
        die(str(e))
    try:
        os.makedirs(args.out_dir, exist_ok=True)
    except OSError as e:
        die(f"--out-dir {args.out_dir}: {e}")

    print(f"# NRP comparison: time limit {args.time_limit:g} s, {args.threads} threads per solver; "
          + ", ".join(versions[s] for s in solvers))
    if "highs" in solvers:
        print("# note: HiGHS's MIP branch-and-bound is essentially single-threaded (threads only helps "
              "parts such as the LP/presolve), so it effectively uses 1 of the threads; "
              "CP-SAT runs num_workers parallel search workers.")
    print("# time = wall seconds including model build; bound = solver's best lower bound")
    print()

    results = {}
    problems = []
    for inst in instances:
        for s in solvers:
            t0 = time.monotonic()
            try:
                r = SOLVE[s](inst, t0, args.time_limit, args.threads)
            except InputError as e:
                die(str(e))
            r["csv"] = r["py_obj"] = r["chk_obj"] = r["chk_ok"] = None
            r["viol"], r["notes"] = [], []
            if r["roster"] is not None:
                csv = os.path.join(args.out_dir, f"{inst.name}-{s}.csv")
                write_csv(csv, inst, r["roster"])
                r["csv"] = csv
                r["py_obj"], r["viol"] = evaluate(inst, read_csv(csv, inst))
                if r["viol"]:
                    r["notes"].append(f"{len(r['viol'])} hard rule(s) broken per this script: "
                                      + "; ".join(r["viol"][:3]))
                if round(r["objective"]) != r["py_obj"] or abs(r["objective"] - r["py_obj"]) > 1e-6 * max(1, abs(r["py_obj"])):
                    r["notes"].append(f"solver objective {fmt_num(r['objective'])} != recomputed {r['py_obj']}")
                if args.roster:
                    r["chk_obj"], r["chk_ok"], note = run_checker(args.roster, inst.path, csv)
                    if note:
                        r["notes"].append(note)
                    if r["chk_obj"] is not None and r["chk_obj"] != r["py_obj"]:
                        r["notes"].append(f"checker objective {r['chk_obj']} != solver {fmt_num(r['objective'])}"
                                          f" / recomputed {r['py_obj']}")
                    if r["chk_ok"] is False:
                        r["notes"].append("checker: hard constraints violated")
            results[(inst.name, s)] = r
            problems += [f"{inst.name} {SOLVER_NAMES[s]}: {n}" for n in r["notes"]]
            print(f"{inst.name:>11} {SOLVER_NAMES[s]:>6}: {r['status']}, objective {fmt_num(r['objective'])}, "
                  f"bound {fmt_num(r['bound'])}, {r['wall']:.1f} s, model {r['size'][0]} vars x "
                  f"{r['size'][1]} rows" + (f", recomputed {r['py_obj']}" if r["py_obj"] is not None else "")
                  + (f", checker {r['chk_obj']} ({'hard ok' if r['chk_ok'] else 'HARD BROKEN' if r['chk_ok'] is False else '?'})"
                     if args.roster and r["csv"] else ""),
                  file=sys.stderr, flush=True)

    readme_default = args.readme
    hdr = ["instance", "best known"]
    for s in solvers:
        hdr += [SOLVER_NAMES[s], f"{SOLVER_NAMES[s]} bound"]
    hdr += ["time (s) " + " / ".join(SOLVER_NAMES[s] for s in solvers), "checker agrees"]
    print("| " + " | ".join(hdr) + " |")
    print("|" + " --- |" * len(hdr))
    for inst in instances:
        readme = readme_default or os.path.join(os.path.dirname(os.path.abspath(inst.path)), "README.md")
        if not os.path.isfile(readme):
            readme = DEFAULT_README
        best = parse_best_known(readme).get(instance_number(inst.path))
        row = [inst.name, fmt_num(best)]
        agree = []
        for s in solvers:
            r = results[(inst.name, s)]
            obj = fmt_num(r["objective"])
            if r["status"] not in ("Optimal", "OPTIMAL") and r["objective"] is not None:
                obj += "*"
            row += [obj, fmt_num(r["bound"])]
            if r["csv"] is None:
                agree.append(f"{SOLVER_NAMES[s]}: no roster")
            elif args.roster:
                ok = not r["notes"] and r["chk_ok"] is True and r["chk_obj"] == round(r["objective"])
                agree.append(f"{SOLVER_NAMES[s]}: {'yes' if ok else 'NO'}")
            else:
                ok = not r["notes"]
                agree.append(f"{SOLVER_NAMES[s]}: n/a (py {'ok' if ok else 'MISMATCH'})")
        row.append(" / ".join(f"{results[(inst.name, s)]['wall']:.1f}" for s in solvers))
        row.append("; ".join(agree))
        print("| " + " | ".join(row) + " |")
    print()
    print("`*` = time limit reached (not proven optimal). \"py\" = objective and hard rules recomputed by "
          "this script from the CSV; without --roster the project's checker was not run.")
    print(f"Rosters: {args.out_dir}/<instance>-<solver>.csv")
    if problems:
        print()
        print("Problems:")
        for p in problems:
            print(f"- {p}")
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("nrp-compare: interrupted", file=sys.stderr)
        sys.exit(130)
