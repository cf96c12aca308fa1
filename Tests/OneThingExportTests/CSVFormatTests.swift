import OneThingExport
import Testing

@Suite("CSV format")
struct CSVFormatTests {
    @Test("RFC 4180: quoted only with a comma, a quote, CR or LF; quotes doubled")
    func quoting() {
        #expect(CSVFormat.cell("王小明") == "王小明")
        #expect(CSVFormat.cell("plain text") == "plain text")
        #expect(CSVFormat.cell("") == "")
        #expect(CSVFormat.cell("a,b") == "\"a,b\"")
        #expect(CSVFormat.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFormat.cell("line\nbreak") == "\"line\nbreak\"")
        #expect(CSVFormat.cell("carriage\rreturn") == "\"carriage\rreturn\"")
        #expect(CSVFormat.cell("福州市，鼓楼区") == "福州市，鼓楼区")  // a full-width comma is text
    }

    @Test("formula injection: = + - @ tab and CR at the start get a single quote; elsewhere, or other starts, nothing")
    func formulaGuard() {
        for start in ["=", "+", "-", "@", "\t"] {
            #expect(CSVFormat.cell(start + "SUM(A1)") == "'" + start + "SUM(A1)", "\(start)")
        }
        #expect(CSVFormat.cell("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
        #expect(CSVFormat.cell("\r=1") == "\"'\r=1\"")
        #expect(CSVFormat.cell("a=1") == "a=1")
        #expect(CSVFormat.cell("1-2") == "1-2")
        #expect(CSVFormat.cell("'=already") == "'=already")
        #expect(CSVFormat.cell("＝1") == "＝1")  // a full-width sign is not a formula
    }

    @Test("a row ends with CRLF, cells joined by commas")
    func row() {
        #expect(CSVFormat.row(["a", "b,c", "=d"]) == "a,\"b,c\",'=d\r\n")
        #expect(CSVFormat.row([]) == "\r\n")
    }
}
