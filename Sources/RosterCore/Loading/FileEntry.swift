import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a path names, told apart before it is read: a missing entry, a symbolic link whose target is
/// missing, a folder, a regular file, or something that is no file (a named pipe, a device, a socket),
/// so that each gets its own message instead of "no file" or a misleading permission error.
public enum FileEntry: Equatable, Sendable {
    case missing
    case dangling(target: String)
    case folder
    case file
    case special(String)

    public static func kind(_ url: URL) -> FileEntry {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .missing }
        if Int(info.st_mode) & Int(S_IFMT) == Int(S_IFLNK) {
            guard stat(url.path, &info) == 0 else {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
                return .dangling(target: target)
            }
        }
        switch Int(info.st_mode) & Int(S_IFMT) {
        case Int(S_IFREG): return .file
        case Int(S_IFDIR): return .folder
        case Int(S_IFIFO): return .special("a named pipe")
        case Int(S_IFCHR), Int(S_IFBLK): return .special("a device")
        case Int(S_IFSOCK): return .special("a socket")
        default: return .special("a special file")
        }
    }
}
