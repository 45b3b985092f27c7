import Foundation

/// Columns a string takes in a terminal: East Asian Wide and Fullwidth characters (汉字, kana, hangul,
/// fullwidth forms, most emoji) take two, combining marks and format/control characters none, the rest one.
///
/// The ranges follow Unicode's EastAsianWidth.txt (W and F); ambiguous-width characters count as one,
/// as terminals in a non-CJK locale draw them.
enum DisplayWidth {
    /// Wide (W) and fullwidth (F) ranges, sorted, non-overlapping.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
        0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4,
        0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
        0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
        0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF,
        0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A,
        0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Columns of one Unicode scalar: 0, 1 or 2.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(v) { return 0 }  // hangul medial vowels and final consonants combine
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return 2 }
        }
        return 1
    }

    /// Columns of a string (ANSI escape sequences are not expected here: measure before painting).
    static func width(_ text: some StringProtocol) -> Int {
        var w = 0
        for s in text.unicodeScalars { w += width(of: s) }
        return w
    }

    /// The text padded with spaces to `columns` (on the right, or on the left with `alignRight`),
    /// first cut to fit (ending in `…`) if it is wider.
    static func pad(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        let t = truncate(text, to: columns)
        let fill = String(repeating: " ", count: max(0, columns - width(t)))
        return alignRight ? fill + t : t + fill
    }

    /// "name id" in at most `columns` columns: the name is cut (with `…`), never the id, which is what
    /// tells two agents apart.
    static func label(name: String, id: String, to columns: Int) -> String {
        let full = "\(name) \(id)"
        guard width(full) > columns else { return full }
        let room = columns - width(id) - 1
        return room >= 2 ? truncate(name, to: room) + " " + id : truncate(id, to: columns)
    }

    /// The text cut to at most `columns` columns, never inside a character; `…` marks a cut.
    static func truncate(_ text: String, to columns: Int) -> String {
        guard width(text) > columns else { return text }
        guard columns > 0 else { return "" }
        var out = "", w = 0
        for ch in text {
            let cw = width(String(ch))
            if w + cw > columns - 1 { break }
            out.append(ch)
            w += cw
        }
        return out + "…"
    }
}

/// When to colour the output.
public enum ColorMode: String, Sendable, CaseIterable {
    case auto, always, never

    /// Colour or not: `always`/`never` as said; `auto` colours a terminal unless `NO_COLOR` is set
    /// (to anything non-empty, see no-color.org) or `TERM` is `dumb`.
    public func enabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let v = environment["NO_COLOR"], !v.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isTerminal
        }
    }
}

/// ANSI SGR styles for terminal output; a disabled painter returns text unchanged.
public struct Painter: Sendable {
    enum Style: String, Sendable {
        case bold = "1", dim = "2", underline = "4", reverse = "7"
        case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
        case onRed = "41", onGreen = "42", onYellow = "43", onBlue = "44"
        case brightRed = "91"
    }

    public var enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }
    public static let plain = Painter(enabled: false)

    func paint(_ text: String, _ styles: Style...) -> String {
        guard enabled, !styles.isEmpty, !text.isEmpty else { return text }
        return "\u{1B}[" + styles.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }
}
