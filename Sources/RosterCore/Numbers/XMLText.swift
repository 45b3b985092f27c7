import Foundation

/// Text for XML element content and attribute values (the SVG charts of the views and of the forecast).
public enum XMLText {
    /// `&`, `<`, `>`, `"` and `'` escaped; the C0 controls XML 1.0 forbids (even as references) and the
    /// non-characters U+FFFE/U+FFFF replaced by U+FFFD, so any name a user typed gives a well-formed file.
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r" { out += "\u{FFFD}" }
                else if (0xFFFE...0xFFFF).contains(ch.value) { out += "\u{FFFD}" }
                else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}
