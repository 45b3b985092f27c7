import Foundation

/// The one rule for what an agent id may be, applied when agents.csv is read (`roster check`). Every id
/// it accepts works in every command and reads back from the tool's own files unchanged: ids may start
/// with `+`, `-`, `=` or `@` (roster.csv keeps them exactly; only spreadsheet exports defuse formulas)
/// and may hold path characters (file names made from ids are made safe separately).
public enum AgentID {
    public static let maxCharacters = 64

    /// Why `id` cannot be an agent id, or nil when it can.
    public static func problem(_ id: String) -> String? {
        if id.isEmpty { return "an id must not be empty" }
        if id.count > maxCharacters { return "an id must be at most \(maxCharacters) characters" }
        let bad = id.unicodeScalars.first { u in
            u.properties.isWhitespace || u == ";" || u.properties.generalCategory == .control
                || u.properties.generalCategory == .format || u.properties.generalCategory == .lineSeparator
                || u.properties.generalCategory == .paragraphSeparator || u.properties.generalCategory == .unassigned
                || u.properties.generalCategory == .surrogate || u.properties.generalCategory == .privateUse
        }
        if let bad {
            return String(format: "an id must not contain spaces, ';', or control, invisible or unassigned characters (found U+%04X)", bad.value)
        }
        return nil
    }
}
