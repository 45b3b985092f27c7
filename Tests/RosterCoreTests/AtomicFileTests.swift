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

    /// The state a kill -9 leaves after the first of two renames: the first target new, its previous version
    /// kept aside, the second target old, the journal of a process that is gone. `recover` puts both
    /// targets back as they were and leaves no journal, kept or temporary file.
    @Test func aWriteCutShortIsRolledBackByTheNextToTouchTheFolder() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.txt"), b = dir.appendingPathComponent("b.txt"), c = dir.appendingPathComponent("c.txt")
        try "old a".write(to: a, atomically: false, encoding: .utf8)
        try "old b".write(to: b, atomically: false, encoding: .utf8)
        // A process id that is surely gone: a child that has exited and been reaped.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        let backupA = dir.appendingPathComponent(".a.txt.\(dead).1.bak"), backupB = dir.appendingPathComponent(".b.txt.\(dead).2.bak")
        let journal = AtomicFile.Journal(pid: dead, started: nil, entries: [
            .init(target: a.path, existed: true, backup: backupA.path),
            .init(target: b.path, existed: true, backup: backupB.path),
            .init(target: c.path, existed: false, backup: dir.appendingPathComponent(".c.txt.\(dead).3.bak").path),
        ])
        try JSONEncoder().encode(journal).write(to: dir.appendingPathComponent(".roster-journal.\(dead).7"))
        // a: kept aside, then replaced; b: kept (a link), not yet replaced; c: new, already in place.
        try FileManager.default.linkItem(at: a, to: backupA)
        try "new a".write(to: dir.appendingPathComponent(".a.txt.\(dead).4.tmp"), atomically: false, encoding: .utf8)
        #expect(rename(dir.appendingPathComponent(".a.txt.\(dead).4.tmp").path, a.path) == 0)
        try FileManager.default.linkItem(at: b, to: backupB)
        try "new c".write(to: c, atomically: false, encoding: .utf8)
        try "new b".write(to: dir.appendingPathComponent(".b.txt.\(dead).5.tmp"), atomically: false, encoding: .utf8)
        #expect(AtomicFile.hasUnfinishedWrite(in: dir))
        let notes = AtomicFile.recover(in: dir)
        #expect(notes.count == 1)
        #expect(try text(a) == "old a")
        #expect(try text(b) == "old b")
        #expect(!FileManager.default.fileExists(atPath: c.path))
        #expect(try names(dir) == ["a.txt", "b.txt"])
        #expect(!AtomicFile.hasUnfinishedWrite(in: dir))
    }

    /// A journal of a live process (this one) is left alone: its write is under way.
    @Test func aLiveWritersJournalIsLeftAlone() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.txt")
        try "new a".write(to: a, atomically: false, encoding: .utf8)
        let journal = AtomicFile.Journal(pid: getpid(), started: AtomicFile.processStart(getpid()), entries: [
            .init(target: a.path, existed: false, backup: dir.appendingPathComponent(".a.txt.\(getpid()).1.bak").path),
        ])
        try JSONEncoder().encode(journal).write(to: dir.appendingPathComponent(".roster-journal.\(getpid()).9"))
        #expect(AtomicFile.recover(in: dir).isEmpty)
        #expect(try text(a) == "new a")
        #expect(AtomicFile.hasUnfinishedWrite(in: dir))
    }

    /// Two holders of one folder's lock: the second is refused while the first holds it, and gets it after.
    @Test func aFolderLockHasOneHolderAtATime() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try #require(try FolderLock.acquire(dir))
        #expect(throws: FolderLock.LockError.held(path: dir.path)) { _ = try FolderLock.acquire(dir) }
        var waited = false
        #expect(throws: FolderLock.LockError.self) { _ = try FolderLock.acquire(dir, wait: 0.3) { waited = true } }
        #expect(waited)
        first.release()
        let second = try FolderLock.acquire(dir)
        #expect(second != nil)
        #expect(try names(dir).isEmpty, "a folder lock leaves no file")
    }
}
