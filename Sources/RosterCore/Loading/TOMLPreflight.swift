import Foundation

/// Checks a TOML text before it reaches TOMLKit's C++ parser (toml++), for the inputs on which that parser
/// asserts (an abort in a debug build, undefined behaviour with NDEBUG) instead of reporting an error.
/// Found by fuzzing (`Scripts/fuzz.sh scenario`): a table header whose first character after `[` or `[[`
/// (and white space) is neither a key character, a quote nor `]` — e.g. a line `[,yes,` — reaches toml++'s
/// `parse_key` precondition. A small lexer finds where statements start (outside strings, comments,
/// arrays and inline tables) and checks every header there; everything else is left to toml++.
enum TOMLPreflight {
    /// The first problem toml++ would not survive: (line, message), or nil.
    static func problem(in text: String) -> (line: Int, message: String)? {
        let s = Array(text.unicodeScalars)
        var i = 0, line = 1
        var depth = 0            // open arrays and inline tables of a value
        var atLineStart = true
        func isKeyStart(_ c: Unicode.Scalar) -> Bool {
            ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c)
                || c == "_" || c == "-" || c == "\"" || c == "'"
        }
        func skipBlanks() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }
        while i < s.count {
            if atLineStart {
                atLineStart = false
                skipBlanks()
                if depth == 0, i < s.count, s[i] == "[" {
                    i += 1
                    if i < s.count, s[i] == "[" { i += 1 }
                    skipBlanks()
                    // Also a line break: toml++ reaches its key's precondition on anything but a key, `]` or the end.
                    if i < s.count, s[i] != "]", !isKeyStart(s[i]) {
                        return (line, "a table header must start with a key after '[' (found '\(s[i].escaped(asASCII: true))')")
                    }
                    // The rest of the header line is toml++'s to check.
                    while i < s.count, s[i] != "\n" { i += 1 }
                    continue
                }
            }
            guard i < s.count else { break }
            let c = s[i]
            switch c {
            case "\n":
                line += 1
                atLineStart = true
                i += 1
            case "#":
                while i < s.count, s[i] != "\n" { i += 1 }
            case "\"", "'":
                let triple = i + 2 < s.count && s[i + 1] == c && s[i + 2] == c
                i += triple ? 3 : 1
                while i < s.count {
                    if c == "\"", s[i] == "\\" { i += 2; continue }
                    if s[i] == "\n" {
                        if !triple { break }   // an unterminated string: toml++ reports it
                        line += 1
                    }
                    if s[i] == c, !triple || (i + 2 < s.count && s[i + 1] == c && s[i + 2] == c) {
                        i += triple ? 3 : 1
                        break
                    }
                    i += 1
                }
            case "[", "{":
                depth += 1
                i += 1
            case "]", "}":
                depth = max(0, depth - 1)
                i += 1
            default:
                i += 1
            }
        }
        return nil
    }
}
