import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Spreadsheet text as the programs that write it save it: UTF-8 with or without a byte-order mark,
/// UTF-16 (Excel's "Unicode text"), or GB18030 — the superset of GBK that Chinese Excel and WPS write
/// for "CSV". The CSV reader works on UTF-8; this turns the others into it, and says which it was.
/// (Foundation on Linux decodes no GB18030, so the C library's iconv does; Docs/formats.md.)
package enum TextDecoding {
    package enum Encoding: String, Sendable {
        case utf8 = "UTF-8", utf16LE = "UTF-16 (little-endian)", utf16BE = "UTF-16 (big-endian)", gb18030 = "GB18030 (GBK)"
    }

    /// The text as UTF-8 bytes (a UTF-8 byte-order mark kept, the reader skips it), and its encoding;
    /// nil when it is none of them.
    package static func utf8(_ bytes: [UInt8]) -> (bytes: [UInt8], encoding: Encoding)? {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return (utf16(bytes.dropFirst(2), littleEndian: true), .utf16LE) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return (utf16(bytes.dropFirst(2), littleEndian: false), .utf16BE) }
        // UTF-16 without a mark: ASCII text has a zero in every other byte.
        let probe = bytes.prefix(200)
        if probe.count >= 4, probe.count % 2 == 0 {
            let even = stride(from: 0, to: probe.count, by: 2).filter { probe[probe.startIndex + $0] == 0 }.count
            let odd = stride(from: 1, to: probe.count, by: 2).filter { probe[probe.startIndex + $0] == 0 }.count
            let half = probe.count / 2
            if odd * 10 >= half * 9 && even == 0 { return (utf16(bytes[...], littleEndian: true), .utf16LE) }
            if even * 10 >= half * 9 && odd == 0 { return (utf16(bytes[...], littleEndian: false), .utf16BE) }
        }
        if bytes.allSatisfy({ $0 < 0x80 }) || String(validating: bytes, as: UTF8.self) != nil { return (bytes, .utf8) }
        if let converted = iconvToUTF8(bytes, from: "GB18030") { return (converted, .gb18030) }
        return nil
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Whether iconv can read `encoding` (a name such as `GBK`, `UTF-16`, `windows-1252`).
    package static func knows(_ encoding: String) -> Bool {
        guard !encoding.isEmpty, encoding.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return false }
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return false }
        iconv_close(cd)
        return true
    }

    /// The whole input converted, or nil when iconv does not know the encoding or meets a byte it cannot read.
    package static func iconvToUTF8(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        var inLeft = input.count, outLeft = output.count
        let ok = input.withUnsafeMutableBufferPointer { ip -> Bool in
            output.withUnsafeMutableBufferPointer { op -> Bool in
                var inPtr: UnsafeMutablePointer<CChar>? = ip.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = op.baseAddress
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0
            }
        }
        guard ok else { return nil }
        return output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }
    }
}
