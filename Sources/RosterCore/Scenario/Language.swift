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

/// A sentence in every language the catalog has, made where the facts are (the checker, the feasibility
/// analysis, the solver) and printed in the reader's language (`text(_:)`). English is the one kept in
/// `roster.json`'s plain fields; the report carries the others beside it (`RosterReport.translations`).
public struct Phrase: Sendable, Hashable, Codable {
    public var en: String
    public var zh: String
    public init(_ en: String, _ zh: String) {
        self.en = en
        self.zh = zh
    }
    /// The same words in both languages (a name, a number).
    public init(verbatim: String) { self.init(verbatim, verbatim) }

    public func text(_ language: Language) -> String { language == .simplifiedChinese ? zh : en }

    /// Phrases joined part by part, each language with its own separator.
    public static func join(_ parts: [Phrase], en: String, zh: String) -> Phrase {
        Phrase(parts.map(\.en).joined(separator: en), parts.map(\.zh).joined(separator: zh))
    }
    public static func + (a: Phrase, b: Phrase) -> Phrase { Phrase(a.en + b.en, a.zh + b.zh) }
}
