@testable import Search
import Foundation
import Testing
@testable import NurseRostering

@Suite("NRP parser")
struct ParserTests {
    /// Parses `text` and returns the error it must raise.
    func error(_ text: String, limits: NRPLimits = .standard) throws -> NRPParseError {
        do {
            _ = try NRPParser.parse(text, file: "bad.txt", limits: limits)
        } catch {
            return error
        }
        Issue.record("expected a parse error")
        throw CancellationError()
    }

    /// The tiny instance with one line replaced.
    func tiny(replacing old: String, with new: String) -> String {
        precondition(Tiny.text.contains(old))
        return Tiny.text.replacingOccurrences(of: old, with: new)
    }

    func lineNumber(of needle: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    @Test func tinyInstanceReads() throws {
        let i = try Tiny.instance()
        #expect(i.horizon == 7)
        #expect(i.shifts.map(\.id) == ["E", "L"])
        #expect(i.shifts[1].forbiddenSuccessors == [0])
        #expect(i.employees.map(\.id) == ["A", "B", "C"])
        #expect(i.employees[1].maxShifts == [7, 0])
        #expect(i.employees[0].daysOff == [3])
        #expect(i.employees[1].daysOff.isEmpty)
        #expect(i.onRequests.count == 2 && i.offRequests.count == 1 && i.cover.count == 14)
        #expect(i.weekends == [[5, 6]])
    }

    @Test func crlfAndMinusZero() throws {
        let text = tiny(replacing: "2,L,0,100,1", with: "2,L,-0,100,1").replacingOccurrences(of: "\n", with: "\r\n")
        let i = try NRPParser.parse(text, file: "crlf.txt")
        #expect(i.cover.first { $0.day == 2 && $0.shift == 1 }?.requirement == 0)
        #expect(i.employees.count == 3)
    }

    @Test func errorsNameFileLineAndField() throws {
        var text = tiny(replacing: "L,480,E", with: "L,480,X")
        var e = try error(text)
        #expect(e.file == "bad.txt" && e.line == lineNumber(of: "L,480,X", in: text) && e.field.contains("successors"))
        #expect(e.description.hasPrefix("bad.txt:\(e.line): "))

        text = tiny(replacing: "B,E=7|L=0,2400,960,4,2,2,1", with: "B,E=7|L=0,2400,nine,4,2,2,1")
        e = try error(text)
        #expect(e.line == lineNumber(of: "nine", in: text) && e.field.contains("MinTotalMinutes") && e.message.contains("'nine'"))

        text = tiny(replacing: "B,E=7|L=0,2400,960,4,2,2,1", with: "B,E=7,2400,960,4,2,2,1")
        e = try error(text)
        #expect(e.field.contains("MaxShifts") && e.message.contains("'L'"))

        text = tiny(replacing: "C,5,L,3", with: "Z,5,L,3")
        e = try error(text)
        #expect(e.field == "EmployeeID" && e.line == lineNumber(of: "Z,5,L,3", in: text))

        text = tiny(replacing: "C,5,L,3", with: "C,7,L,3")
        e = try error(text)
        #expect(e.field == "Day" && e.message.contains("more than"))

        text = tiny(replacing: "6,L,1,100,1", with: "6,L,1,100")
        e = try error(text)
        #expect(e.field == "SECTION_COVER" && e.message.contains("4 fields"))

        text = tiny(replacing: "6,L,1,100,1", with: "5,L,1,100,1")
        e = try error(text)
        #expect(e.message.contains("already covered"))

        text = tiny(replacing: "C,E=0|L=7,1920,480,3,1,1,1", with: "A,E=0|L=7,1920,480,3,1,1,1")
        e = try error(text)
        #expect(e.field == "ID" && e.message.contains("twice"))

        text = tiny(replacing: "A,3\n", with: "A,3,x\n")
        e = try error(text)
        #expect(e.field.contains("day 2") && e.message.contains("'x'"))

        text = tiny(replacing: "C,E=0|L=7,1920,480,3,1,1,1", with: "C,E=0|L=7,480,1920,3,1,1,1")
        e = try error(text)
        #expect(e.message.contains("exceeds"))
    }

    @Test func sectionsMissingOrOutOfOrder() throws {
        var e = try error(tiny(replacing: "SECTION_COVER", with: "SECTION_COVERS"))
        #expect(e.message.contains("unknown section"))
        e = try error(String(Tiny.text[..<Tiny.text.range(of: "SECTION_COVER")!.lowerBound]))
        #expect(e.field == "SECTION_COVER" && e.message == "section missing" && e.line == 0)
        let swapped = tiny(replacing: "SECTION_DAYS_OFF", with: "SECTION_TMP").replacingOccurrences(of: "SECTION_STAFF", with: "SECTION_DAYS_OFF")
            .replacingOccurrences(of: "SECTION_TMP", with: "SECTION_STAFF")
        e = try error(swapped)
        #expect(e.message.contains("out of order"))
        e = try error("7\nSECTION_HORIZON\n")
        #expect(e.line == 1 && e.message.contains("before the first section"))
        e = try error(tiny(replacing: "SECTION_HORIZON\n7", with: "SECTION_HORIZON\n7\n8"))
        #expect(e.field == "SECTION_HORIZON")
    }

    @Test func absurdSizesAreRefused() throws {
        var e = try error(tiny(replacing: "SECTION_HORIZON\n7", with: "SECTION_HORIZON\n100000000"))
        #expect(e.field == "horizon" && e.message.contains("limit"))
        var limits = NRPLimits()
        limits.maxCells = 20
        e = try error(Tiny.text, limits: limits)
        #expect(e.field == "SECTION_STAFF" && e.message.contains("exceeds"))
        e = try error(tiny(replacing: "0,E,1,100,1", with: "0,E,999999999,100,1"))
        #expect(e.field == "Requirement")
        e = try error(tiny(replacing: "E,480,\n", with: "E,99999,\n"))
        #expect(e.field.contains("length"))
    }

    @Test func missingFileIsAnError() {
        #expect(throws: NRPParseError.self) { try NRPParser.parse(fileAt: URL(fileURLWithPath: "/nonexistent/Instance0.txt")) }
    }

    @Test(.enabled(if: Benchmarks.available, "needs ../shared/benchmarks/nrp"))
    func publishedInstancesRead() throws {
        let sizes = [(14, 8, 1), (14, 14, 2), (14, 20, 3), (28, 10, 2), (28, 16, 2), (28, 18, 3), (28, 20, 3), (28, 30, 4), (28, 36, 4), (28, 40, 5)]
        for (n, size) in sizes.enumerated() {
            let i = try NRPParser.parse(fileAt: Benchmarks.url(n + 1))
            #expect(i.horizon == size.0 && i.employees.count == size.1 && i.shifts.count == size.2, "Instance\(n + 1)")
            #expect(i.cover.allSatisfy { $0.underWeight == 100 && $0.overWeight == 1 })
        }
    }
}
