// The libFuzzer entry point over `RosterFuzz`'s targets. Built by Scripts/fuzz.sh with
// `-sanitize=fuzzer,address -parse-as-library -D ROSTER_FUZZING` (libFuzzer then brings `main`);
// ROSTER_FUZZ_TARGET picks the target. An ordinary build gets a program that says so.
import Foundation
import RosterFuzz

#if ROSTER_FUZZING
nonisolated(unsafe) private var target: FuzzTarget? = nil

/// libFuzzer's driver (its own `main` is not linked: SwiftPM points `main` at this module's entry point).
@_extern(c, "LLVMFuzzerRunDriver")
func fuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// One input: the target ROSTER_FUZZ_TARGET names; a failed check of its answer is a crash for libFuzzer.
func rosterFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if target == nil {
        let name = ProcessInfo.processInfo.environment["ROSTER_FUZZ_TARGET"] ?? ""
        guard let t = FuzzTarget(rawValue: name) else {
            fatalError("set ROSTER_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        target = t
    }
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    do { try target!.run(bytes) } catch { fatalError("\(error)") }
    return 0
}

/// The entry libFuzzer's objects refer to; the driver gets the same function as its callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func llvmFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { rosterFuzzOne(data, size) }

@_cdecl("roster_fuzz_main")
public func rosterFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return fuzzerRunDriver(&count, &arguments) { data, size in rosterFuzzOne(data, size) }
}
#else
@main
struct RosterFuzzUsage {
    static func main() {
        print("roster-fuzz: build and run it with Scripts/fuzz.sh TARGET [SECONDS] (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
}
#endif
