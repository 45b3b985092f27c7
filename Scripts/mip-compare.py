#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""External comparison of HiGHS and OR-Tools CP-SAT on the integer model `roster` writes.

Not part of the product. `roster solve SCENARIO --write-model FILE.mps` writes the full (monolithic)
roster model as free MPS (Docs/model.md); this script gives that file to general MIP solvers with the
same time limit and thread count, and re-checks every solution they return against the model as HiGHS
read it: objective c.x + offset, the largest row, bound and integrality violations (tolerance 1e-6),
and the objective once the continuous columns are re-optimised with the integer columns fixed (an LP,
solved by HiGHS, outside the timed run). A "solution" that breaks the model is flagged.

    python3 Scripts/mip-compare.py MODEL.mps [--time-limit 60] [--threads 2] [--solvers highs,cpsat]
        [--ours-report report.txt | --ours OBJECTIVE,BOUND[,SECONDS]]
        [--check-solution LABEL=FILE ...] [--highs-option KEY=VALUE ...] [--log-dir DIR]

Objective constant: GLPK writes the constant term of the objective as the RHS of the objective row
and reads it back as +RHS; HiGHS and OR-Tools read that RHS as -constant (CPLEX's convention). A
roster model with a `prefers_on` preference has such a constant, so the two readings differ by twice
it. With --offset-convention auto (default) a file carrying glp_write_mps's header is read the GLPK
way, and every objective and bound printed (the solvers' included) is on roster's scale.

--ours-report takes `roster solve`'s report.txt (or its captured standard output) and adds its
objective, bound and time as a row "roster (GLPK)"; --ours gives the same by hand (e.g. from a
roster-bench CSV line). --check-solution evaluates a solution written elsewhere: FILE holds
"column value" lines (blank, comma or tab separated, '#' comments); integer columns not listed are 0,
continuous columns are completed by the LP above (their cheapest values for those integer values).

CP-SAT gets the MPS through ortools.linear_solver.python.model_builder, backend "sat". CP-SAT solves
integer programs only: continuous columns are multiplied by mip_var_scaling (default 1) and made
integer, and constraints with fractional coefficients are scaled to integers, with their bounds relaxed
by mip_wanted_precision (1e-6). It therefore solves a restriction of the original model: its
solutions are (up to that precision) feasible, but its "best bound" is a bound of the restricted model,
not a valid bound of the original one, unless its presolve proves every continuous column integral.
The output says which applies.

Needs: pip install highspy ortools numpy   (add --break-system-packages if pip refuses). HiGHS is
always needed: it reads the model used for every re-check.
Exit status: 0 fine, 1 a solver returned a point that breaks the model, 2 bad input or setup.
"""
import argparse
import math
import os
import re
import sys
import tempfile
import time

TOL = 1e-6
SOLVER_NAMES = {"highs": "HiGHS", "cpsat": "CP-SAT"}


class InputError(Exception):
    pass


def die(msg):
    print(f"mip-compare: error: {msg}", file=sys.stderr)
    sys.exit(2)


def note(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# Reading the model (HiGHS) and checking points against it (numpy)
# --------------------------------------------------------------------------------------------------

class _Silenced:
    """Send fd 1 (and optionally fd 2) to a file while native code prints (banners, solver logs)."""

    def __init__(self, path=None, stderr=False):
        self.path = path or os.devnull
        self.fds = [1, 2] if stderr else [1]

    def __enter__(self):
        sys.stdout.flush()
        sys.stderr.flush()
        self.saved = [os.dup(fd) for fd in self.fds]
        self.file = open(self.path, "a")
        for fd in self.fds:
            os.dup2(self.file.fileno(), fd)
        return self

    def __exit__(self, *exc):
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, saved in zip(self.fds, self.saved):
            os.dup2(saved, fd)
            os.close(saved)
        self.file.close()
        return False


def new_highs(threads=None, log_file=None):
    """A highspy.Highs that prints nothing on the terminal (its log, if any, goes to log_file)."""
    import highspy
    with _Silenced():
        h = highspy.Highs()
    h.setOptionValue("log_to_console", False)
    if log_file:
        h.setOptionValue("output_flag", True)
        h.setOptionValue("log_file", log_file)
    else:
        h.setOptionValue("output_flag", False)
    if threads:
        h.setOptionValue("threads", int(threads))
    return h


def read_into(h, path, log_file):
    """h.readModel(path); raises InputError with HiGHS's own words when it fails."""
    import highspy
    status = h.readModel(path)
    if status == highspy.HighsStatus.kError:
        why = ""
        try:
            with open(log_file, errors="replace") as f:
                lines = [l.strip() for l in f if l.strip()]
            why = "; ".join(l for l in lines if re.search(r"error|fail|not|invalid|unknown", l, re.I))[-400:]
        except OSError:
            pass
        raise InputError(f"{path}: HiGHS cannot read it as MPS" + (f" ({why})" if why else ""))
    return status


def glpk_written(path):
    """Whether the file starts with the comment block glp_write_mps writes (* Problem: ... * Format:)."""
    try:
        with open(path, "rb") as f:
            head = f.read(2048).decode("latin-1")
    except OSError:
        return False
    return bool(re.search(r"^\*\s*Problem:", head, re.M) and re.search(r"^\*\s*Format:\s*(Free|Fixed) MPS", head, re.M))


class Model:
    """The model as HiGHS read it, as numpy arrays."""

    def __init__(self, path, log_dir, convention):
        import highspy
        import numpy as np
        self.path = path
        log = os.path.join(log_dir, "highs-read.log")
        open(log, "w").close()
        h = new_highs(log_file=log)
        status = read_into(h, path, log)
        self.read_warning = status == highspy.HighsStatus.kWarning
        lp = h.getLp()
        self.n, self.m = int(lp.num_col_), int(lp.num_row_)
        if self.n == 0:
            raise InputError(f"{path}: the model has no columns")
        self.minimize = lp.sense_ != highspy.ObjSense.kMaximize
        self.cost = np.array(lp.col_cost_, dtype=float)
        # The objective constant. HiGHS and OR-Tools read an RHS entry on the objective row as minus
        # the constant (CPLEX's convention); GLPK writes and reads it as the constant itself. Every
        # objective and bound below is put on the writer's scale: offset - read_offset is added.
        self.read_offset = float(lp.offset_)
        if convention == "auto":
            convention = "glpk" if glpk_written(path) else "cplex"
        self.convention = convention
        self.offset = -self.read_offset if self.convention == "glpk" else self.read_offset
        self.col_lower = np.array(lp.col_lower_, dtype=float)
        self.col_upper = np.array(lp.col_upper_, dtype=float)
        self.row_lower = np.array(lp.row_lower_, dtype=float)
        self.row_upper = np.array(lp.row_upper_, dtype=float)
        a = lp.a_matrix_
        start = np.array(a.start_, dtype=np.int64)
        index = np.array(a.index_, dtype=np.int64)
        self.value = np.array(a.value_, dtype=float)
        if a.format_ == highspy.MatrixFormat.kRowwise:
            self.nz_row = np.repeat(np.arange(self.m), np.diff(start))
            self.nz_col = index
        else:
            self.nz_col = np.repeat(np.arange(self.n), np.diff(start))
            self.nz_row = index
        kinds = [int(t) for t in lp.integrality_] if len(lp.integrality_) else [0] * self.n
        integer_kinds = {int(highspy.HighsVarType.kInteger), int(highspy.HighsVarType.kSemiInteger),
                         int(highspy.HighsVarType.kImplicitInteger)}
        semi = {int(highspy.HighsVarType.kSemiContinuous), int(highspy.HighsVarType.kSemiInteger)}
        if any(k in semi for k in kinds):
            raise InputError(f"{path}: semi-continuous columns are not supported by this script")
        self.integer = np.array([k in integer_kinds for k in kinds], dtype=bool)
        self.col_names = list(lp.col_names_) if len(lp.col_names_) == self.n else [f"C{j + 1}" for j in range(self.n)]
        self.row_names = list(lp.row_names_) if len(lp.row_names_) == self.m else [f"R{i + 1}" for i in range(self.m)]
        self.col_index = {name: j for j, name in enumerate(self.col_names)}
        binary = self.integer & (self.col_lower >= -TOL) & (self.col_upper <= 1 + TOL)
        self.n_integer = int(self.integer.sum())
        self.n_binary = int(binary.sum())
        self.n_continuous = self.n - self.n_integer
        self.n_fixed = int((self.col_lower == self.col_upper).sum())
        self.nnz = int(len(self.value))

    def objective(self, x):
        return float(self.cost @ x) + self.offset

    def cost_by_group(self, x, top=6):
        """The objective split by column-name family (the name without its trailing indices, e.g.
        week_min_slack_3_w1 -> week_min_slack), largest first."""
        if not hasattr(self, "_groups"):
            fam = [re.sub(r"(_[A-Za-z]?-?\d+)+$", "", name) or name for name in self.col_names]
            keys = sorted(set(fam))
            where = {k: i for i, k in enumerate(keys)}
            import numpy as np
            self._groups = (keys, np.array([where[f] for f in fam]))
        import numpy as np
        keys, gid = self._groups
        part = np.bincount(gid, weights=self.cost * x, minlength=len(keys))
        order = [int(i) for i in np.argsort(-np.abs(part)) if abs(part[i]) > 1e-9][:top]
        return [(keys[i], float(part[i])) for i in order]

    def check(self, x):
        """Violations of a full column vector: the largest of each kind, where, and how many > TOL."""
        import numpy as np
        act = np.bincount(self.nz_row, weights=self.value * x[self.nz_col], minlength=self.m)
        with np.errstate(invalid="ignore"):
            rv = np.maximum(np.maximum(self.row_lower - act, act - self.row_upper), 0.0)
            bv = np.maximum(np.maximum(self.col_lower - x, x - self.col_upper), 0.0)
        rv = np.nan_to_num(rv, nan=np.inf)
        bv = np.nan_to_num(bv, nan=np.inf)
        iv = np.where(self.integer, np.abs(x - np.round(x)), 0.0)
        iv = np.nan_to_num(iv, nan=np.inf)
        out = {"objective": self.objective(x)}
        for key, v, names in (("row", rv, self.row_names), ("bound", bv, self.col_names),
                              ("integrality", iv, self.col_names)):
            k = int(np.argmax(v)) if len(v) else 0
            out[key] = float(v[k]) if len(v) else 0.0
            out[key + "_at"] = names[k] if len(v) and v[k] > TOL else ""
            out[key + "_count"] = int((v > TOL).sum())
        out["feasible"] = out["row"] <= TOL and out["bound"] <= TOL and out["integrality"] <= TOL
        return out

    def completion(self, x, threads, time_limit, log_dir):
        """Fix the integer columns at their values in x (as they are: neither rounded nor moved into
        their bounds, so that check() still sees any fault) and re-optimise the continuous ones:
        returns (status, objective or None, completed vector or None)."""
        import highspy
        import numpy as np
        lower = np.where(self.integer, x, self.col_lower)
        upper = np.where(self.integer, x, self.col_upper)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = self.n, self.m
        lp.sense_ = highspy.ObjSense.kMinimize if self.minimize else highspy.ObjSense.kMaximize
        lp.offset_ = self.offset
        lp.col_cost_ = self.cost
        lp.col_lower_ = lower
        lp.col_upper_ = upper
        lp.row_lower_ = self.row_lower
        lp.row_upper_ = self.row_upper
        order = np.argsort(self.nz_col, kind="stable")
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.concatenate(([0], np.cumsum(np.bincount(self.nz_col, minlength=self.n)))).astype(np.int32)
        lp.a_matrix_.index_ = self.nz_row[order].astype(np.int32)
        lp.a_matrix_.value_ = self.value[order]
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = self.n, self.m
        log = os.path.join(log_dir, "highs-completion.log")
        h = new_highs(threads=threads, log_file=log)
        h.setOptionValue("time_limit", float(time_limit))
        h.passModel(lp)
        h.run()
        status = h.modelStatusToString(h.getModelStatus())
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return status, None, None
        v = np.array(h.getSolution().col_value, dtype=float)
        return status, h.getInfo().objective_function_value, v


# --------------------------------------------------------------------------------------------------
# Solvers: each returns dict(status, objective, bound, wall, x (numpy or None), notes, bound_valid)
# --------------------------------------------------------------------------------------------------

def solve_highs(model, args, log_dir):
    import highspy
    import numpy as np
    log = os.path.join(log_dir, "highs.log")
    open(log, "w").close()
    h = new_highs(threads=args.threads, log_file=log)
    read_into(h, model.path, log)
    h.setOptionValue("time_limit", float(args.time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    if args.seed is not None:
        h.setOptionValue("random_seed", int(args.seed))
    for key, value in args.highs_option:
        if h.setOptionValue(key, value) != highspy.HighsStatus.kOk:
            raise InputError(f"--highs-option {key}={value}: HiGHS refuses it")
    t0 = time.monotonic()
    h.run()
    wall = time.monotonic() - t0
    info = h.getInfo()
    r = dict(status=h.modelStatusToString(h.getModelStatus()), objective=None, bound=None, wall=wall,
             x=None, notes=[], bound_valid="yes", log=log)
    shift = model.offset - float(h.getLp().offset_)
    if info.primal_solution_status == 2:  # kSolutionStatusFeasible
        r["objective"] = info.objective_function_value + shift
        r["x"] = np.array(h.getSolution().col_value, dtype=float)
    b = info.mip_dual_bound
    if b is not None and math.isfinite(b):
        r["bound"] = b + shift
    r["nodes"] = info.mip_node_count
    return r


def solve_cpsat(model, args, log_dir):
    import numpy as np
    from ortools.linear_solver.python import model_builder as mb
    log = os.path.join(log_dir, "cpsat.log")
    open(log, "w").close()
    r = dict(status=None, objective=None, bound=None, wall=0.0, x=None, notes=[], bound_valid="?", log=log)
    mbm = mb.ModelBuilder()
    with _Silenced(log, stderr=True):
        ok = mbm.import_from_mps_file(model.path)
    if not ok:
        r["status"] = "OR-Tools could not read the MPS file"
        return r
    if (mbm.num_variables, mbm.num_constraints) != (model.n, model.m):
        r["notes"].append(f"OR-Tools read {mbm.num_variables} columns x {mbm.num_constraints} rows, "
                          f"HiGHS {model.n} x {model.m}")
    solver = mb.ModelSolver("sat")
    if not solver.solver_is_supported():
        r["status"] = "the OR-Tools build has no CP-SAT backend"
        return r
    solver.set_time_limit_in_seconds(float(args.time_limit))
    params = [f"num_workers:{int(args.threads)}", "log_search_progress:true"]
    if args.seed is not None:
        params.append(f"random_seed:{int(args.seed)}")
    solver.set_solver_specific_parameters(" ".join(params))
    solver.enable_output(True)
    t0 = time.monotonic()
    with _Silenced(log, stderr=True):
        status = solver.solve(mbm)
    r["wall"] = time.monotonic() - t0
    r["status"] = getattr(status, "name", str(status))
    shift = model.offset - float(mbm.objective_offset)
    if r["status"] in ("OPTIMAL", "FEASIBLE"):
        obj = solver.objective_value
        r["objective"] = obj + shift if math.isfinite(obj) else None
        variables = mbm.get_variables()
        values = solver.values(variables)
        x = np.full(model.n, np.nan)
        missing = []
        for var, val in zip(variables, values.to_numpy()):
            j = model.col_index.get(var.name)
            if j is None:
                missing.append(var.name)
            else:
                x[j] = float(val)
        if missing and len(variables) == model.n:
            # names did not match: both readers keep the order of the COLUMNS section
            x = np.array(values.to_numpy(), dtype=float)
            r["notes"].append("column names differ between the two readers; matched by position")
        elif missing or np.isnan(x).any():
            r["notes"].append(f"{len(missing)} CP-SAT columns not in the HiGHS model, "
                              f"{int(np.isnan(x).sum())} HiGHS columns without a CP-SAT value (taken as 0)")
        r["x"] = np.nan_to_num(x, nan=0.0)
    b = solver.best_objective_bound
    if b is not None and math.isfinite(b):
        r["bound"] = b + shift
    # What CP-SAT did with the continuous columns (from its log).
    scaling = []
    try:
        with open(log, errors="replace") as f:
            for line in f:
                s = line.strip()
                if re.match(r"\[Scaling\]|Scaling to|Num integers|Warning: \d+ (continuous|bounds)|"
                            r"Maximum constraint|Constraint scaling", s):
                    scaling.append(s)
    except OSError:
        pass
    r["scaling_log"] = scaling
    # "Num integers: A/B" is logged after OR-Tools' MIP presolve: A of its B columns were integer or
    # implied integer; the other B - A were scaled and made integer (a restriction of the model).
    counts = [re.search(r"Num integers:\s*([\d']+)\s*/\s*([\d']+)", s) for s in scaling]
    counts = [(int(m.group(1).replace("'", "")), int(m.group(2).replace("'", ""))) for m in counts if m]
    if model.n_continuous == 0:
        r["bound_valid"] = "yes"
    elif counts and counts[-1][0] == counts[-1][1]:
        r["bound_valid"] = "yes (its presolve proved every continuous column integral)"
    elif counts:
        a, b = counts[-1]
        r["bound_valid"] = (f"no: {b - a:,} of its {b:,} columns (after its presolve) were continuous and made "
                            "integer; the bound is the restricted model's")
    else:
        r["bound_valid"] = "unknown (no scaling line in its log); likely not: continuous columns made integer"
    return r


SOLVE = {"highs": solve_highs, "cpsat": solve_cpsat}


# --------------------------------------------------------------------------------------------------
# Our own numbers and external solutions
# --------------------------------------------------------------------------------------------------

def parse_number(text):
    return float(text.replace(",", "").replace("\u202f", "").replace("\u2009", ""))


def read_ours_report(path):
    """Objective, bound, seconds from `roster solve`'s report.txt or its standard output."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        raise InputError(f"--ours-report {path}: {e.strerror or e}")
    num = r"(-?[0-9][0-9,]*(?:\.[0-9]+)?|—|nan)"
    mo = re.search(r"^\s*objective\s+" + num, text, re.M)
    mb_ = re.search(r"^\s*lower bound\s+" + num, text, re.M)
    mt = re.search(r"^\s*time\s+" + num + r"\s*s", text, re.M)
    if not mo:
        raise InputError(f"--ours-report {path}: no 'objective' line (is it a roster report.txt?)")

    def val(m):
        if not m or m.group(1) in ("—", "nan"):
            return None
        return parse_number(m.group(1))

    source = re.search(r"^\s*lower bound\s+\S+\s+\[([^\]]*)\]", text, re.M)
    return dict(objective=val(mo), bound=val(mb_), wall=val(mt),
                bound_source=source.group(1) if source else None)


def parse_ours(text):
    parts = [p.strip() for p in text.split(",")]
    if len(parts) not in (2, 3):
        raise InputError("--ours wants OBJECTIVE,BOUND[,SECONDS]")
    try:
        vals = [None if p in ("", "-", "nan", "—") else parse_number(p) for p in parts]
    except ValueError:
        raise InputError(f"--ours {text!r}: not numbers")
    return dict(objective=vals[0], bound=vals[1], wall=vals[2] if len(vals) > 2 else None, bound_source=None)


def read_solution_file(model, spec):
    import numpy as np
    if "=" not in spec:
        raise InputError(f"--check-solution {spec!r}: write LABEL=FILE")
    label, path = spec.split("=", 1)
    x = np.zeros(model.n)
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise InputError(f"--check-solution {path}: {e.strerror or e}")
    seen = 0
    for lineno, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p for p in re.split(r"[\s,]+", line) if p]
        if len(parts) != 2:
            raise InputError(f"{path}:{lineno}: want 'column value'")
        j = model.col_index.get(parts[0])
        if j is None:
            if parts[0].lower() in ("column", "name", "col"):
                continue  # a header line
            raise InputError(f"{path}:{lineno}: no column {parts[0]!r} in the model")
        try:
            x[j] = float(parts[1])
        except ValueError:
            raise InputError(f"{path}:{lineno}: {parts[1]!r} is not a number")
        seen += 1
    return label.strip() or path, path, x, seen


# --------------------------------------------------------------------------------------------------

def fmt(v, digits=2):
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    return f"{v:,.{digits}f}"


def fmt_small(v):
    if v is None:
        return "—"
    if v == 0:
        return "0"
    return f"{v:.1e}"


def gap_of(obj, bound):
    if obj is None or bound is None:
        return None
    return abs(obj - bound) / max(abs(obj), 1.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("model", metavar="MODEL.mps")
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds per solver run (default 60)")
    ap.add_argument("--threads", type=int, default=2, help="threads per solver (default 2)")
    ap.add_argument("--solvers", default="highs,cpsat",
                    help="comma list of highs,cpsat (default both); none = only check --check-solution files")
    ap.add_argument("--seed", type=int, default=None, help="random seed passed to both solvers")
    ap.add_argument("--ours-report", metavar="FILE", help="roster's report.txt (or solve output) for the table")
    ap.add_argument("--ours", metavar="OBJ,BOUND[,S]", help="roster's objective, bound and seconds, by hand")
    ap.add_argument("--check-solution", metavar="LABEL=FILE", action="append", default=[],
                    help="evaluate an external solution ('column value' lines); repeatable")
    ap.add_argument("--completion-time-limit", type=float, default=120.0,
                    help="seconds for each re-optimisation of the continuous columns (default 120)")
    ap.add_argument("--offset-convention", choices=["auto", "glpk", "cplex"], default="auto",
                    help="how to read an RHS on the objective row: glpk = the constant itself (as GLPK and "
                    "so `roster` write it), cplex = minus the constant (as HiGHS and OR-Tools read it); "
                    "auto = glpk when the file carries glp_write_mps's header (default)")
    ap.add_argument("--highs-option", metavar="KEY=VALUE", action="append", default=[],
                    help="extra HiGHS option for the MIP run, e.g. presolve=off; repeatable")
    ap.add_argument("--log-dir", default=None, help="solver logs go here (default: a new folder in /tmp)")
    args = ap.parse_args()

    if not (args.time_limit > 0 and math.isfinite(args.time_limit)) or args.threads < 1:
        die("--time-limit must be > 0 and --threads >= 1")
    solvers = [s.strip().lower() for s in args.solvers.split(",") if s.strip()]
    if solvers == ["none"]:
        solvers = []  # only --ours / --check-solution
    elif not solvers:
        die("no solver selected (use --solvers none to only check solutions)")
    for s in solvers:
        if s not in SOLVE:
            die(f"unknown solver {s!r} (choose from: highs, cpsat)")
    highs_options = []
    for spec in args.highs_option:
        if "=" not in spec:
            die(f"--highs-option {spec!r}: write KEY=VALUE")
        key, value = (t.strip() for t in spec.split("=", 1))
        for conv in (int, float):
            try:
                value = conv(value)
                break
            except ValueError:
                pass
        else:
            value = {"true": True, "false": False}.get(value.lower(), value)
        highs_options.append((key, value))
    args.highs_option = highs_options
    if args.ours and args.ours_report:
        die("give --ours or --ours-report, not both")

    # Packages: HiGHS always (it reads the model for the checks), OR-Tools when CP-SAT runs.
    versions = []
    try:
        import numpy  # noqa: F401
    except ImportError:
        die("numpy is not installed; run: pip install numpy (add --break-system-packages if pip refuses)")
    try:
        import highspy  # noqa: F401
        versions.append(f"highspy {new_highs().version()}")
    except ImportError as e:
        die(f"highspy is not installed ({e}); run: pip install highspy (add --break-system-packages if pip refuses)")
    if "cpsat" in solvers:
        try:
            import ortools
            from ortools.linear_solver.python import model_builder  # noqa: F401
            versions.append(f"ortools {ortools.__version__}")
        except ImportError as e:
            die(f"OR-Tools is not installed ({e}); run: pip install ortools "
                "(add --break-system-packages if pip refuses)")

    if args.highs_option:
        import highspy
        probe = new_highs()
        for key, value in args.highs_option:
            if probe.setOptionValue(key, value) != highspy.HighsStatus.kOk:
                die(f"--highs-option {key}={value}: HiGHS refuses it (unknown option or bad value)")

    path = args.model
    if not os.path.exists(path):
        die(f"{path}: no such file")
    if not os.path.isfile(path):
        die(f"{path}: not a file")
    if not os.access(path, os.R_OK):
        die(f"{path}: cannot be read (permission denied)")
    if not re.search(r"\.mps(\.gz)?$", path, re.I):
        die(f"{path}: the name must end in .mps (free MPS, as `roster solve --write-model FILE.mps` writes)")
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
        if not path.lower().endswith(".gz") and (b"\0" in head or not re.search(rb"^\s*(NAME|ROWS)\b", head, re.M)):
            die(f"{path}: does not look like an MPS file (no NAME or ROWS section at its start)")
    except OSError as e:
        die(f"{path}: {e.strerror or e}")

    log_dir = args.log_dir or tempfile.mkdtemp(prefix="mip-compare-")
    try:
        os.makedirs(log_dir, exist_ok=True)
    except OSError as e:
        die(f"--log-dir {log_dir}: {e.strerror or e}")

    try:
        ours = read_ours_report(args.ours_report) if args.ours_report else parse_ours(args.ours) if args.ours else None
        t0 = time.monotonic()
        model = Model(path, log_dir, args.offset_convention)
        read_s = time.monotonic() - t0
        externals = [read_solution_file(model, spec) for spec in args.check_solution]
    except InputError as e:
        die(str(e))
    except MemoryError:
        die(f"{path}: out of memory reading the model")

    print(f"# MIP comparison on {path}")
    print(f"# time limit {args.time_limit:g} s and {args.threads} threads per solver; " + ", ".join(versions))
    print(f"# model: {model.n:,} columns ({model.n_integer:,} integer, of which {model.n_binary:,} binary; "
          f"{model.n_continuous:,} continuous; {model.n_fixed:,} fixed), {model.m:,} rows, {model.nnz:,} non-zeros, "
          f"objective {'min' if model.minimize else 'max'} with constant {model.offset + 0.0:g}; "
          f"read by HiGHS in {read_s:.1f} s" + (" (with warnings)" if model.read_warning else ""))
    if model.read_offset != model.offset:
        print(f"# objective constant: the file's objective-row RHS is {model.offset:g}, which GLPK (the writer) "
              f"reads as {model.offset:g} and HiGHS and OR-Tools as {model.read_offset:g}; every objective and "
              f"bound below is on GLPK's (and roster's) scale ({model.offset - model.read_offset:+g} added to "
              "the solvers' own numbers)")
    if "cpsat" in solvers and model.n_continuous:
        print(f"# CP-SAT: the model has {model.n_continuous:,} continuous columns; the \"sat\" backend scales "
              "them (mip_var_scaling 1) and treats them as integer, so it solves a restriction of the model: "
              "its bound is not a valid bound of the original unless its presolve proves them integral")
    if "highs" in solvers:
        print(f"# HiGHS: threads={args.threads}, mip_rel_gap=0" + "".join(f", {k}={v}" for k, v in args.highs_option)
              + "; its log says how many workers it used")
    print(f"# logs: {log_dir}")
    print()

    results = []   # (label, dict)
    if ours is not None:
        results.append(("roster (GLPK), as printed", dict(
            status="reported", objective=ours["objective"], bound=ours["bound"], wall=ours["wall"], x=None,
            notes=[f"bound: {ours['bound_source']}"] if ours.get("bound_source") else [],
            bound_valid="yes (Docs/model.md)", external=True)))

    for s in solvers:
        note(f"{SOLVER_NAMES[s]}: solving ({args.time_limit:g} s, {args.threads} threads) …")
        try:
            r = SOLVE[s](model, args, log_dir)
        except InputError as e:
            die(str(e))
        except KeyboardInterrupt:
            raise
        except Exception as e:  # a solver failure is a result, not a crash
            r = dict(status=f"error: {type(e).__name__}: {e}", objective=None, bound=None, wall=None,
                     x=None, notes=[], bound_valid="—")
        if r.get("wall") is not None and r["wall"] > args.time_limit + max(5.0, 0.1 * args.time_limit):
            r["notes"].append(f"ran {r['wall'] - args.time_limit:.0f} s past the time limit"
                              + (" (its presolve does not check the time limit; see its log)" if s == "highs" else ""))
        label = SOLVER_NAMES[s]
        if s == "highs" and args.highs_option:
            label += " (" + ", ".join(f"{k}={v}" for k, v in args.highs_option) + ")"
        results.append((label, r))
        note(f"{SOLVER_NAMES[s]}: {r['status']}, objective {fmt(r['objective'])}, bound {fmt(r['bound'])}, "
             f"{fmt(r['wall'], 1)} s")

    for label, epath, x, seen in externals:
        results.append((label, dict(status=f"external ({seen:,} values read)", objective=None, bound=None,
                                    wall=None, x=x, notes=[], bound_valid="—", external_solution=True)))

    # Re-check every point against the original model.
    problems = []
    for label, r in results:
        r["check"] = r["completed"] = None
        r["completed_objective"] = None
        x = r.get("x")
        if x is None:
            continue
        raw = model.check(x)
        st, cobj, cx = model.completion(x, args.threads, args.completion_time_limit, log_dir)
        r["completion_status"] = st
        r["completed_objective"] = cobj
        if r.get("external_solution"):
            # Only the integer columns are meant: judge the completed point.
            if cx is None:
                r["check"] = raw
                r["notes"].append(f"no feasible completion of the continuous columns ({st})")
                problems.append(f"{label}: its integer columns admit no feasible completion ({st})")
            else:
                r["check"] = model.check(cx)
                r["objective"] = r["check"]["objective"]
                r["notes"].append("continuous columns completed by LP")
        else:
            r["check"] = raw
            if r["objective"] is not None and abs(raw["objective"] - r["objective"]) > 1e-6 * max(1, abs(r["objective"])):
                r["notes"].append(f"solver says {fmt(r['objective'], 4)}, c.x+offset = {fmt(raw['objective'], 4)}")
            if cx is None:
                r["notes"].append(f"no feasible completion with its integer values fixed ({st})")
        c = r["check"]
        point = cx if cx is not None else x
        r["notes"].append("objective by column family (integers as returned, continuous re-optimised): "
                          + ", ".join(f"{k} {v:,.2f}" for k, v in model.cost_by_group(point))
                          + (f", constant {model.offset:g}" if model.offset else ""))
        if not c["feasible"]:
            where = [f"{k} {fmt_small(c[k])} at {c[k + '_at']} ({c[k + '_count']} > {TOL:g})"
                     for k in ("row", "bound", "integrality") if c[k] > TOL]
            r["notes"].append("NOT FEASIBLE for the original model: " + "; ".join(where))
            problems.append(f"{label}: " + "; ".join(where))

    # Results table.
    print("| solver | status | objective | bound | bound valid for the MPS model | gap | wall (s) |")
    print("| --- | --- | ---: | ---: | --- | ---: | ---: |")
    for label, r in results:
        g = gap_of(r["objective"], r["bound"])
        print(f"| {label} | {r['status']} | {fmt(r['objective'])} | {fmt(r['bound'])} | {r['bound_valid']} | "
              f"{'—' if g is None else f'{100 * g:.2f} %'} | {fmt(r['wall'], 1)} |")
    print()
    print("Gap = (objective − bound) / max(|objective|, 1), as `roster` prints it.")
    print()

    # Check table.
    checked = [(label, r) for label, r in results if r["check"] is not None]
    if checked:
        print(f"Re-check of each returned point against the model as HiGHS read it (tolerance {TOL:g}):")
        print()
        print("| solver | c.x + offset | max row violation | max bound violation | max integrality violation "
              "| feasible | objective, integers fixed, continuous re-optimised |")
        print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
        for label, r in checked:
            c = r["check"]
            print(f"| {label} | {fmt(c['objective'])} | {fmt_small(c['row'])} | {fmt_small(c['bound'])} | "
                  f"{fmt_small(c['integrality'])} | {'yes' if c['feasible'] else '**NO**'} | "
                  f"{fmt(r['completed_objective'])} |")
        print()
    notes = [(label, n) for label, r in results for n in r["notes"]]
    for label, r in results:
        for s in r.get("scaling_log", [])[:12]:
            notes.append((label, "log: " + s))
    if notes:
        print("Notes:")
        for label, n in notes:
            print(f"- {label}: {n}")
        print()
    if problems:
        print("Problems:")
        for p in problems:
            print(f"- {p}")
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("mip-compare: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
