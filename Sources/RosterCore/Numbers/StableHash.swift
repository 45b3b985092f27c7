import Foundation

/// Stable identifiers and digests: a 128-bit FNV-1a digest (two 64-bit lanes), printed in hex. Not
/// cryptographic; it only has to be the same on every machine and every run (calendar UIDs, the
/// digests of a version's kept inputs).
public enum StableHash {
    public static func hex128(_ text: String) -> String { hex128(bytes: text.utf8) }

    public static func hex128<Bytes: Sequence>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var a: UInt64 = 0xcbf29ce484222325, b: UInt64 = 0x84222325cbf29ce4
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte ^ 0x5A)) &* 0x100000001b3
        }
        // Final avalanche (splitmix64) so that near-equal inputs differ everywhere.
        func mix(_ x0: UInt64) -> UInt64 {
            var x = x0 ^ (x0 >> 30); x = x &* 0xbf58476d1ce4e5b9; x ^= x >> 27; x = x &* 0x94d049bb133111eb; return x ^ (x >> 31)
        }
        return String(format: "%016llx%016llx", mix(a), mix(b ^ a))
    }
}
