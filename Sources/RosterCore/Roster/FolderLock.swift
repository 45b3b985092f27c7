import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (`flock` on the folder itself) that keeps two `roster` runs from writing the same
/// folder at once: two leads, or a cron job and a lead. No lock file is left anywhere, and the lock ends
/// with the process however it ends (kill -9 included), so a crash never leaves a folder locked.
public final class FolderLock: @unchecked Sendable {
    public enum LockError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Another run holds the lock.
        case held(path: String)

        public var description: String {
            switch self {
            case .held(let path): return "another roster run is writing into \(path); try again when it has finished"
            }
        }
    }

    private let fd: Int32
    public let folder: URL

    private init(fd: Int32, folder: URL) {
        self.fd = fd
        self.folder = folder
    }

    deinit { release() }

    private var released = false
    public func release() {
        guard !released else { return }
        released = true
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Takes the lock on `folder` (which must exist), waiting up to `wait` seconds for another holder
    /// (calling `waiting` once when it has to wait). Nil when the folder cannot be opened; throws when
    /// another run still holds it after the wait.
    public static func acquire(_ folder: URL, wait: TimeInterval = 0, waiting: (() -> Void)? = nil) throws(LockError) -> FolderLock? {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let deadline = Date().addingTimeInterval(wait)
        var told = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR, Date() < deadline else {
                close(fd)
                if failure == EWOULDBLOCK || failure == EINTR { throw .held(path: folder.path) }
                return nil
            }
            if !told { waiting?(); told = true }
            usleep(200_000)
        }
        return FolderLock(fd: fd, folder: folder)
    }
}
