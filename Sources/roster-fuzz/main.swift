// The libFuzzer entry point over `RosterFuzz`'s targets. Built by Scripts/fuzz.sh with
// `-sanitize=fuzzer,address -parse-as-library -D ROSTER_FUZZING`; ROSTER_FUZZ_TARGET picks the target.
// An ordinary build gets a program that says so.
import Foundation
import RosterFuzz

#if ROSTER_FUZZING
nonisolated(unsafe) private var target: FuzzTarget? = nil

@_cdecl("LLVMFuzzerTestOneInput")
public func rosterFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if target == nil {
        let name = ProcessInfo.processInfo.environment["ROSTER_FUZZ_TARGET"] ?? ""
        guard let t = FuzzTarget(rawValue: name) else {
            fatalError("set ROSTER_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        target = t
    }
    do { try target!.run(Data(bytes: data, count: size)) } catch { fatalError("\(error)") }
    return 0
}
#else
print("roster-fuzz: build and run it with Scripts/fuzz.sh TARGET [SECONDS] (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
#endif
