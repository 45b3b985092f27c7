import Foundation
import RosterCore

// How the stages of `RosterPipeline` fail. The solve stages fail with the solver's own `SolverError`.

extension RosterPipeline {
    /// Why a scenario (or a roster of it) could not be read.
    public enum LoadError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The folder's files have errors: each says its file, line and field.
        case invalidScenario(directory: String, errors: [Diagnostic])
        /// A file given to replace one of the folder's (e.g. a new forecast) cannot be read.
        case unreadableReplacement(file: String, path: String)
        /// The folder could not be copied to put the replacements in.
        case overlayFailed(directory: String, reason: String)
        /// A roster file is malformed or unreadable (with its file, line and field).
        case invalidRoster(RosterFileError)

        public var description: String {
            switch self {
            case let .invalidScenario(directory, errors):
                return (errors.map(\.description) + ["failed: \(directory): \(errors.count) error(s)"]).joined(separator: "\n")
            case let .unreadableReplacement(file, path):
                return "cannot read \(path) (given for \(file))"
            case let .overlayFailed(directory, reason):
                return "cannot copy \(directory) to replace some of its files: \(reason)"
            case let .invalidRoster(error):
                return error.description
            }
        }
    }

    /// Why a scenario cannot be modelled.
    public enum PrepareError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The model would be too large (`SolveLimits`); the text says what to change.
        case tooLarge(String)
        /// The model could not be built (a pinned shift that fits no shift option, …).
        case model(RosterModelError)

        public var description: String {
            switch self {
            case .tooLarge(let reason): return reason
            case .model(let error): return error.description
            }
        }
    }

    /// Why the roster files could not be written (none of them was).
    public enum WriteError: Error, Equatable, Sendable, CustomStringConvertible {
        case cannotCreateFolder(path: String, reason: String)
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case let .cannotCreateFolder(path, reason): return "cannot create \(path): \(reason)"
            case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
            }
        }
    }
}
