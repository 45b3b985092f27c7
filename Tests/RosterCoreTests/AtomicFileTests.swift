import Foundation
import Testing
@testable import RosterCore

/// `AtomicFile.writeAll` leaves every target new or every target as it was, and no stray files.
@Suite struct AtomicFileTests {
    /// A fresh empty folder, removed by the caller.
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
    func names(_ folder: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

    @Test func everyFileIsReplacedAndNothingIsLeftBehind() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.txt"), b = dir.appendingPathComponent("b.txt")
        try "old a".write(to: a, atomically: false, encoding: .utf8)
        try AtomicFile.writeAll([(Data("new a".utf8), a), (Data("new b".utf8), b)])
        #expect(try text(a) == "new a")
        #expect(try text(b) == "new b")
        #expect(try names(dir) == ["a.txt", "b.txt"])
    }

    /// The second target is a non-empty folder, so its rename fails after the first file was replaced:
    /// the first file gets its previous content back.
    @Test func aFailedLaterRenamePutsBackTheEarlierFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.txt"), b = dir.appendingPathComponent("b.txt"), c = dir.appendingPathComponent("c.txt")
        try "old a".write(to: a, atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(at: b, withIntermediateDirectories: false)
        try "inside".write(to: b.appendingPathComponent("inner.txt"), atomically: false, encoding: .utf8)
        let error = #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.writeAll([(Data("new a".utf8), a), (Data("new b".utf8), b), (Data("new c".utf8), c)])
        }
        #expect(error?.path == b.path)
        #expect(error?.reason.contains("no file was changed") == true, "\(String(describing: error))")
        #expect(try text(a) == "old a")
        #expect(try text(b.appendingPathComponent("inner.txt")) == "inside")
        #expect(!FileManager.default.fileExists(atPath: c.path))
        #expect(try names(dir) == ["a.txt", "b.txt"])
    }

    /// A target that did not exist before is removed again when a later rename fails.
    @Test func aFailedLaterRenameRemovesNewFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.txt"), b = dir.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: b.appendingPathComponent("full"), withIntermediateDirectories: true)
        #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.writeAll([(Data("new a".utf8), a), (Data("new b".utf8), b)])
        }
        #expect(!FileManager.default.fileExists(atPath: a.path))
        #expect(try names(dir) == ["b"])
    }

    /// A temporary file that cannot be written (its folder does not exist) leaves every target untouched.
    @Test func aFailedTemporaryWriteTouchesNothing() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.txt"), missing = dir.appendingPathComponent("no/such/b.txt")
        try "old a".write(to: a, atomically: false, encoding: .utf8)
        let error = #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.writeAll([(Data("new a".utf8), a), (Data("new b".utf8), missing)])
        }
        #expect(error?.path == missing.path)
        #expect(try text(a) == "old a")
        #expect(try names(dir) == ["a.txt"])
    }
}
