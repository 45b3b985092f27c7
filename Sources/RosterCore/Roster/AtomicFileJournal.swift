import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Several files written all or none, even across a kill -9 or a power cut: a rollback journal.
///
/// `writeAll` writes and flushes every new file under a temporary name first; then it writes a journal
/// (`.roster-journal.PID.RANDOM`, flushed, with its folder) that names each target, whether it existed,
/// and where its present version will be kept; then it keeps each present version aside (a hard link,
/// or a rename where links are not possible), renames the new files over their targets, flushes the
/// folder, and removes the journal — that removal is the commit. Whoever next touches the folder
/// (`recover(in:)`: every later write there, and the readers of roster versions) finds a journal whose
/// writer is gone and rolls it back: each kept version renamed back over its target, each target that
/// did not exist removed. So a reader sees either every target new or every target as it was, and the
/// temporary files of a crashed write are removed (those of a live writer are left alone).
extension AtomicFile {
    /// A journal entry: one target of a `writeAll`.
    struct JournalEntry: Codable, Equatable {
        var target: String
        /// A file (or symbolic link) was there: its present version is kept at `backup` until the commit.
        var existed: Bool
        /// Something that is no file was there (a folder): the rename over it fails, so it is never touched.
        var occupied: Bool = false
        var backup: String
    }

    struct Journal: Codable, Equatable {
        var pid: Int32
        /// The writer's start time (`/proc/PID/stat` field 22), so that a reused process id is not taken for it.
        var started: String?
        var entries: [JournalEntry]
    }

    static let journalPrefix = ".roster-journal."

    /// For tests of the kill -9 guarantee: `ROSTER_FAULT_AFTER_RENAMES=N` kills the process (SIGKILL)
    /// after the N-th rename of a `writeAll` (0: after the journal is written, before any rename).
    static var faultAfterRenames: Int? {
        ProcessInfo.processInfo.environment["ROSTER_FAULT_AFTER_RENAMES"].flatMap { Int($0) }
    }

    /// Writes several files all or none (see the type's comment). When a temporary file cannot be written
    /// (a full disk), no target is touched and nothing is left behind; when a rename fails, the targets
    /// already replaced get their previous version back.
    public static func writeAll(_ files: [(data: Data, url: URL)]) throws(WriteError) {
        guard let first = files.first else { return }
        let folder = first.url.deletingLastPathComponent()
        _ = recover(in: folder)
        var temporaries: [URL] = []
        func dropTemporaries() { for t in temporaries { unlink(t.path) } }
        for (data, url) in files {
            let tmp = sibling(of: url, "tmp")
            temporaries.append(tmp)
            do {
                try data.write(to: tmp, options: [])
            } catch {
                dropTemporaries()
                throw WriteError(path: url.path, reason: error.localizedDescription)
            }
            if let handle = try? FileHandle(forUpdating: tmp) { try? handle.synchronize(); try? handle.close() }
        }
        // The journal: written and flushed before any target is touched.
        var entries: [JournalEntry] = []
        for (_, url) in files {
            var info = stat()
            let existed = lstat(url.path, &info) == 0
            let kind = Int(info.st_mode) & Int(S_IFMT)
            let file = kind == Int(S_IFREG) || kind == Int(S_IFLNK)
            entries.append(JournalEntry(target: url.path, existed: existed && file, occupied: existed && !file,
                                        backup: sibling(of: url, "bak").path))
        }
        let journal = folder.appendingPathComponent(journalPrefix + "\(getpid()).\(UInt32.random(in: 0...UInt32.max))")
        do {
            let data = try JSONEncoder().encode(Journal(pid: getpid(), started: processStart(getpid()), entries: entries))
            try data.write(to: journal, options: [])
            if let handle = try? FileHandle(forUpdating: journal) { try? handle.synchronize(); try? handle.close() }
            syncFolder(folder)
        } catch {
            unlink(journal.path)
            dropTemporaries()
            throw WriteError(path: journal.path, reason: "cannot write the write journal: \(error.localizedDescription)")
        }
        /// Rolls back what this call did so far and drops its files.
        func undo(_ why: String, path: String) -> WriteError {
            let stuck = rollBack(entries)
            dropTemporaries()
            if stuck.isEmpty { unlink(journal.path) }
            return WriteError(path: path, reason: why + (stuck.isEmpty ? "; no file was changed" : "; " + stuck.joined(separator: "; ")))
        }
        // Keep each present version aside.
        for e in entries where e.existed {
            if link(e.target, e.backup) != 0 && rename(e.target, e.backup) != 0 {
                throw undo("cannot keep its present version aside: \(String(cString: strerror(errno)))", path: e.target)
            }
        }
        let fault = faultAfterRenames
        if fault == 0 { kill(getpid(), SIGKILL) }
        for (i, e) in entries.enumerated() {
            if rename(temporaries[i].path, e.target) != 0 {
                throw undo(String(cString: strerror(errno)), path: e.target)
            }
            if fault == i + 1 { kill(getpid(), SIGKILL) }
        }
        syncFolder(folder)
        // The commit.
        unlink(journal.path)
        syncFolder(folder)
        for e in entries where e.existed { unlink(e.backup) }
    }

    /// Puts every target of `entries` back as it was: a kept version renamed back over its target, a
    /// target that did not exist removed. Returns what could not be put back.
    static func rollBack(_ entries: [JournalEntry]) -> [String] {
        var stuck: [String] = []
        for e in entries.reversed() where !e.occupied {
            var info = stat()
            if e.existed {
                if lstat(e.backup, &info) == 0 {
                    // Renaming a link over another link of the same file does nothing: the kept one then goes.
                    if rename(e.backup, e.target) != 0 {
                        stuck.append("\(e.target): its previous version is at \(e.backup)")
                    } else if lstat(e.backup, &info) == 0 {
                        unlink(e.backup)
                    }
                }
            } else if lstat(e.target, &info) == 0, Int(info.st_mode) & Int(S_IFMT) == Int(S_IFREG), unlink(e.target) != 0 {
                stuck.append("\(e.target) keeps its new content")
            }
        }
        return stuck
    }

    /// Finishes what crashed writers left in `folder`: each journal whose writer is gone is rolled back
    /// (so the folder's files are as they were before that write), and their temporary and kept files are
    /// removed. Returns one note per write rolled back. Folders that cannot be written are left as they
    /// are (`hasUnfinishedWrite` tells readers).
    @discardableResult
    public static func recover(in folder: URL) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var notes: [String] = []
        var live: Set<Int32> = []
        for name in names where name.hasPrefix(journalPrefix) {
            let url = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url), let journal = try? JSONDecoder().decode(Journal.self, from: data) else {
                // A journal cut short was never complete: its write touched no target yet.
                if let pid = Int32(name.dropFirst(journalPrefix.count).split(separator: ".").first ?? ""), isAlive(pid, started: nil) {
                    live.insert(pid)
                } else {
                    unlink(url.path)
                }
                continue
            }
            if isAlive(journal.pid, started: journal.started) { live.insert(journal.pid); continue }
            let stuck = rollBack(journal.entries)
            guard stuck.isEmpty else { continue }
            for e in journal.entries { unlink(e.backup) }
            unlink(url.path)
            syncFolder(folder)
            notes.append("\(folder.path): a write cut short (process \(journal.pid)) was rolled back; the files are as before it")
        }
        // Temporary and kept files of writers that are gone: `.NAME.PID.RANDOM.tmp|bak`.
        for name in names where name.hasPrefix(".") && (name.hasSuffix(".tmp") || name.hasSuffix(".bak")) {
            let parts = name.split(separator: ".")
            guard parts.count >= 4, let pid = Int32(parts[parts.count - 3]), !live.contains(pid), !isAlive(pid, started: nil) else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
        return notes
    }

    /// Whether `folder` holds a journal of a write that is not finished (live or crashed).
    public static func hasUnfinishedWrite(in folder: URL) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains { $0.hasPrefix(journalPrefix) }
    }

    static func isAlive(_ pid: Int32, started: String?) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        if let started, let now = processStart(pid), now != started { return false }
        return true
    }

    /// A process's start time in clock ticks since boot (Linux `/proc/PID/stat`, field 22), or nil.
    static func processStart(_ pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces) start at field 3.
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }

    /// Flushes a folder's entries (the renames) to the disk.
    static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
