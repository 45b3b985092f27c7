import Foundation

/// The language of what people read (views, notice board, hours report, coverage, calendar text):
/// English or Simplified Chinese. Chosen by `--lang`, else `language` in team.toml, else the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case english = "en"
    case simplifiedChinese = "zh-Hans"

    /// `en`, `zh-Hans` and their usual spellings (`zh`, `zh_CN`, `zh-CN.UTF-8`, `en_US` …); nil otherwise.
    public init?(code: String) {
        let c = code.split(separator: ".").first.map(String.init)?.replacingOccurrences(of: "_", with: "-").lowercased() ?? ""
        if c == "en" || c.hasPrefix("en-") || c == "c" || c == "posix" { self = .english; return }
        if c == "zh" || c == "zh-hans" || c == "zh-cn" || c == "zh-sg" || c.hasPrefix("zh-hans-") { self = .simplifiedChinese; return }
        return nil
    }

    /// The locale's language from the environment, when it is one of ours.
    public static func fromLocale(_ environment: [String: String]) -> Language? {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[key], !v.isEmpty { return Language(code: v) }
        }
        return nil
    }
}
