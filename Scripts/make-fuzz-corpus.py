#!/usr/bin/env python3
# Regenerates Tests/RosterCoreTests/FuzzCorpus from the bundled scenario (run from the package root).
# Each case folder overlays its files on rosters/suzhou-96122; roster.csv is read as a roster file;
# NAME.delete removes NAME. Replayed by Tests/RosterCoreTests/FuzzTests.swift.
import os, re
S = "rosters/suzhou-96122"
R = "Tests/RosterOutputTests/Golden/suzhou-96122-roster.csv"
OUT = "Tests/RosterCoreTests/FuzzCorpus"
def rd(p): return open(p, "rb").read()
team, agents, avail, fc, pinned, roster = [rd(f"{S}/{n}") for n in ["team.toml","agents.csv","availability.csv","forecast.csv","pinned.csv"]] + [rd(R)]
fc = b"\n".join(fc.split(b"\n")[:100]) + b"\n"
roster_small = b"\n".join(roster.split(b"\n")[:40]) + b"\n"
def sub(b, pat, rep, count=1): 
    n = re.sub(pat, rep, b, count=count, flags=re.M)
    assert n != b, pat
    return n
cases = {}
def case(name, **files): cases[name] = files
case("team-nan-shrinkage", **{"team.toml": sub(team, rb"^shrinkage = .*$", b"shrinkage = nan")})
case("team-huge-days", **{"team.toml": sub(team, rb"^days = .*$", b"days = 99999999999999999999")})
case("team-days-50-years", **{"team.toml": sub(team, rb"^days = .*$", b"days = 18263")})
case("team-interval-1-minute", **{"team.toml": sub(team, rb"^interval_minutes = .*$", b"interval_minutes = 1")})
case("team-interval-int-max", **{"team.toml": sub(team, rb"^interval_minutes = .*$", b"interval_minutes = 9223372036854775807")})
case("team-inf-rest", **{"team.toml": sub(team, rb"^min_rest_hours = .*$", b"min_rest_hours = inf")})
case("team-bom-crlf", **{"team.toml": b"\xef\xbb\xbf" + team.replace(b"\n", b"\r\n")})
case("team-truncated", **{"team.toml": team[: team.index(b"[shifts.break]") + 8]})
case("team-huge-length", **{"team.toml": sub(team, rb"^lengths_minutes = .*$", b"lengths_minutes = [9223372036854775807]")})
case("team-negative-step", **{"team.toml": sub(team, rb"^step_minutes = .*$", b"step_minutes = -30")})
case("team-start-9999-12-31", **{"team.toml": sub(team, rb"^start_date = .*$", b"start_date = 9999-12-31")})
case("team-zone-rtl-override", **{"team.toml": sub(team, rb"^time_zone = .*$", "time_zone = \"\u202eAsia/Shanghai\"".encode())})
case("team-zone-path", **{"team.toml": sub(team, rb"^time_zone = .*$", b'time_zone = "../../etc/localtime"')})
case("team-nul-byte", **{"team.toml": team[:200] + b"\x00" + team[200:]})
case("team-floor-huge", **{"team.toml": sub(team, rb"^floor_agents = .*$", b"floor_agents = 1e300")})
case("team-handover-min-int-min", **{"team.toml": sub(team, rb"^min_agents = .*$", b"min_agents = -9223372036854775808")})
case("team-break-longer-than-shift", **{"team.toml": sub(team, rb"^length_minutes = .*$", b"length_minutes = 6000")})
case("agents-empty-fields", **{"agents.csv": agents + b",,,,,,\n"})
case("agents-huge-hours", **{"agents.csv": sub(agents, rb"^a02,([^,]*),32,", rb"a02,\1,1e308,")})
case("agents-nan-hours", **{"agents.csv": sub(agents, rb"^a02,([^,]*),32,40", rb"a02,\1,NaN,inf")})
case("agents-duplicate-id", **{"agents.csv": agents + agents.split(b"\n")[3] + b"\n"})
case("agents-stray-quote", **{"agents.csv": sub(agents, rb"^a03,", b'a03,Li "Na",')})
case("agents-invalid-utf8", **{"agents.csv": agents.replace("王丽".encode(), b"\xe7\x8e")})
case("agents-field-swap", **{"agents.csv": sub(agents, rb"^a05,([^,]*),", rb"\1,a05,")})
case("agents-hostile-id", **{"agents.csv": agents + "../../etc/passwd,\u202eevil\x07 name,,,,yes,\n".encode()})
case("agents-header-only", **{"agents.csv": agents.split(b"\n")[0] + b"\n"})
case("agents-cr-only", **{"agents.csv": agents.replace(b"\n", b"\r")})
case("availability-to-before-from", **{"availability.csv": avail + b"a05,2027-03-25,2027-03-20,leave,,,\n"})
case("availability-year-0-and-9999", **{"availability.csv": avail + b"a05,0000-01-01,9999-12-31,leave,,,\n"})
case("availability-whole-horizon-leave", **{"availability.csv": avail + b"a05,1900-01-01,2999-12-31,leave,,,\n"})
case("availability-datetime-25h", **{"availability.csv": avail + b"a05,2027-03-15T25:00,2027-03-15T26:00,unavailable,,,\n"})
case("availability-weight-nan", **{"availability.csv": avail + b"a05,2027-03-20,,prefers_off,,NaN,\n"})
case("availability-unknown-kind", **{"availability.csv": avail + b"a05,2027-03-20,,holiday??,,,\n"})
case("forecast-nan-calls", **{"forecast.csv": sub(fc, rb"^2027-03-15T01:00,12,120", b"2027-03-15T01:00,NaN,120")})
case("forecast-huge-calls", **{"forecast.csv": sub(fc, rb"^2027-03-15T01:00,12,120", b"2027-03-15T01:00,1e308,1e308")})
case("forecast-load-limit", **{"forecast.csv": sub(fc, rb"^2027-03-15T01:00,12,120", b"2027-03-15T01:00,99999,7200")})
case("forecast-negative-aht", **{"forecast.csv": sub(fc, rb"^2027-03-15T01:00,12,120", b"2027-03-15T01:00,12,-120")})
case("forecast-duplicate-line", **{"forecast.csv": fc + fc.split(b"\n")[5] + b"\n"})
case("forecast-not-interval-start", **{"forecast.csv": sub(fc, rb"^2027-03-15T01:00,", b"2027-03-15T01:07,")})
case("forecast-truncated-quote", **{"forecast.csv": fc[:3000] + b'"2027-03-20T'})
case("forecast-deleted", **{"forecast.csv.delete": b""})
case("requirement-as-well", **{"requirement.csv": b"interval_start,agents\n2027-03-15T00:00,3\n"})
case("requirement-only-huge", **{"forecast.csv.delete": b"", "requirement.csv": b"interval_start,agents\n2027-03-15T00:00,99999999999999999999\n2027-03-15T00:30,-5\n2027-03-15T01:00,1e3\n"})
case("pinned-unknown-agent-and-time", **{"pinned.csv": pinned + b"zz9,2027-03-16,day,24:00,540,\n"})
case("pinned-during-leave", **{"pinned.csv": pinned + b"a04,2027-03-23,day,08:00,540,pinned into annual leave\n"})
case("pinned-huge-length", **{"pinned.csv": pinned + b"a02,2027-03-16,day,08:00,99999999999999999999,\n"})
case("pinned-bom-only", **{"pinned.csv": b"\xef\xbb\xbf"})
case("roster-huge-year", **{"roster.csv": roster_small + b"a02,x,9999-12-31,9999-12-31T22:00:00+08:00,9999-12-32T06:00:00+08:00,night,,\n"})
case("roster-flipped-bytes", **{"roster.csv": roster_small[:500] + b"\xff\xfe" + roster_small[502:]})
case("roster-missing-column", **{"roster.csv": roster_small.replace(b"agent_id,", b"agent,", 1)})
case("roster-break-outside", **{"roster.csv": roster_small + b"a02,x,2027-03-16,2027-03-16T08:00:00+08:00,2027-03-16T16:00:00+08:00,day,2027-03-16T17:00:00+08:00,2027-03-16T18:00:00+08:00\n"})
case("roster-nan-fields", **{"roster.csv": roster_small + b"a02,x,NaN,nan,inf,day,,\n"})
case("roster-empty", **{"roster.csv": b""})
case("roster-bom-only", **{"roster.csv": b"\xef\xbb\xbf\r\n"})
case("roster-offset-99", **{"roster.csv": roster_small + b"a02,x,2027-03-16,2027-03-16T08:00:00+99:99,2027-03-16T16:00:00+08:00,day,,\n"})
case("roster-hostile-agent", **{"roster.csv": roster_small + "../../x\u0007,=cmd,2027-03-16,2027-03-16T08:00:00+08:00,2027-03-16T16:00:00+08:00,day,,\n".encode()})
for name, files in cases.items():
    d = f"{OUT}/{name}"; os.makedirs(d, exist_ok=True)
    for f, b in files.items(): open(f"{d}/{f}", "wb").write(b)
print(len(cases))
