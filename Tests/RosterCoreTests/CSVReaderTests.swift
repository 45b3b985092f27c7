import Foundation
import Testing
@testable import RosterCore

@Suite struct CSVReaderTests {
    @Test func plainAndQuotedFields() throws {
        let text = "id,name,note\na1,徐海燕,\"lead, day shift\"\na2,\"Li \"\"Xiao\"\" Mei\",\"two\nlines\"\na3,Wang,x\n"
        let r = try CSVReader.parse(text)
        #expect(r.count == 4)
        #expect(r[1].fields == ["a1", "徐海燕", "lead, day shift"])
        #expect(r[2].fields == ["a2", "Li \"Xiao\" Mei", "two\nlines"])
        #expect(r[2].line == 3)
        // The record after a two-line field starts on physical line 5.
        #expect(r[3].line == 5)
    }

    @Test func bomCRLFBlankLinesAndComments() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n\r\n# comment\r\n 1 , 2 \r\n3,\"x\r\ny\"\r\n4,5".utf8)
        let r = try CSVReader.parse(Data(bytes))
        #expect(r.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "x\r\ny"], ["4", "5"]])
        #expect(r.map(\.line) == [1, 4, 5, 7])
    }

    @Test func emptyTrailingFieldsAreKept() throws {
        let r = try CSVReader.parse("a,b,c\n1,,\n")
        #expect(r[1].fields == ["1", "", ""])
    }

    @Test func errorsCarryTheLine() {
        #expect(throws: CSVError.unterminatedQuote(line: 2)) { try CSVReader.parse("a,b\n1,\"open\n2,3\n") }
        #expect(throws: CSVError.strayQuote(line: 3)) { try CSVReader.parse("a,b\n1,2\n3,ab\"c\n") }
        #expect(throws: CSVError.strayQuote(line: 1)) { try CSVReader.parse("\"a\"b,c\n") }
        #expect(throws: CSVError.invalidUTF8(line: 2)) { try CSVReader.parse(Data([0x61, 0x0A, 0xFF, 0xFE, 0x0A])) }
    }

    @Test func emptyInput() throws {
        #expect(try CSVReader.parse("").isEmpty)
        #expect(try CSVReader.parse(Data([0xEF, 0xBB, 0xBF])).isEmpty)
        #expect(try CSVReader.parse("\n\n  \n").isEmpty)
    }
}
