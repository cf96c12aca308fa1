import ArgumentParser
import Foundation
import OneThingCLI
import OneThingModel
import OneThingStore
import OneThingWire

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import records from the hospital or school system.",
        subcommands: [ImportDeliveriesCommand.self])
}

struct ImportDeliveriesCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "Load the ward's delivery list, so the kiosk's birth form can be filled from it (F4).",
        discussion: """
            FILE is CSV with a header row, or JSON (an array of objects, or one object per line). The
            columns are the delivery record's fields, or the labels of the form fields the catalogue fills
            from them (the bundle whose "prefill" names the source "delivery": the birth form):
            mother_name (母亲姓名), mother_id_number, birth_time (YYYY-MM-DDTHH:MM), newborn_sex
            (male/female or 男/女), birth_weight_g, birth_length_cm, gestational_weeks. In JSON every value
            is a string, except that the numeric fields (birth_weight_g, birth_length_cm,
            gestational_weeks) may be numbers, taken as written; true/false, null, arrays and objects are
            refused. Every value is checked as the form field it fills checks it; a refused record is
            reported by line (CSV, one object per line) or record (a JSON array) and field, never by
            value, the others are imported (exit 65 if any was refused). Importing the same delivery
            again updates it.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The CSV or JSON file (- for stdin).", valueName: "file"))
    var file: String

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        guard let (bundle, mapping) = context.catalog.bundle(prefilledFrom: .delivery) else {
            throw CLIFailure.config(
                "No bundle of catalogue \(context.catalog.version) is filled from delivery records (a \"prefill\" with \"source\": \"delivery\"), so deliveries cannot be checked; use a catalogue that declares one.")
        }
        let source = DeliverySource(bundle: bundle, mapping: mapping)
        let data = try InputReading.bytes(of: file)
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure.data("The file is not UTF-8 text; export it as UTF-8.")
        }
        let records = try DeliveryParsing.records(text, source: source)
        var deliveries: [Delivery] = []
        var problems: [FieldProblem] = []
        let now = context.clock.now()
        for record in records {
            switch DeliveryParsing.delivery(record.values, source: source, now: now.civil) {
            case .success(let delivery): deliveries.append(delivery)
            case .failure(let found):
                problems += found.problems.map { FieldProblem($0.code, field: $0.field, message: "\(record.place): \($0.message)", arguments: $0.arguments) }
            }
        }
        let new = try context.storeCall { () throws(StoreError) in
            try context.store.importDeliveries(deliveries, at: now)
        }
        if global.json {
            Output.json(ImportResult(imported: deliveries.count, new: new, refused: problems.count))
        } else {
            Output.line("\(deliveries.count) deliveries imported (\(new) new).")
        }
        if !problems.isEmpty { throw CLIFailure.data(problems) }
    }

    struct ImportResult: Encodable {
        var imported: Int
        var new: Int
        var refused: Int
    }
}

/// Reading the hospital's delivery export.
enum DeliveryParsing {
    struct Record {
        /// Where it was: "line 3" (CSV, one JSON object per line) or "record 2" (a JSON array).
        var place: String
        var values: [String: FieldInput]
    }

    static func records(_ text: String, source: DeliverySource) throws(CLIFailure) -> [Record] {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "[" || trimmed.first == "{" { return try json(text) }
        return try csv(text, source: source)
    }

    /// JSON read strictly (`JSONCodec`): each value keeps its kind (string, number, true or
    /// false, null, array or object) for the field's check to accept or refuse, naming the
    /// record and the field.
    private static func json(_ text: String) throws(CLIFailure) -> [Record] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("[") {
            do {
                let array = try JSONCodec.decode([FieldInputs].self, from: trimmed)
                return array.enumerated().map { Record(place: "record \($0.offset + 1)", values: $0.element.values) }
            } catch {
                throw CLIFailure.data("The JSON is not an array of objects of field values: \(error.description).")
            }
        }
        var records: [Record] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                records.append(Record(place: "line \(index + 1)", values: try JSONCodec.decode(FieldInputs.self, from: String(line)).values))
            } catch {
                throw CLIFailure.data("line \(index + 1): not a JSON object of field values: \(error.description).")
            }
        }
        return records
    }

    /// CSV with a header row; fields may be quoted ("..." with "" for a quote).
    private static func csv(_ text: String, source: DeliverySource) throws(CLIFailure) -> [Record] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let header = lines.first else { throw CLIFailure.data("The file is empty.") }
        let columns = cells(String(header)).map { source.column(named: $0) }
        if let unknown = columns.firstIndex(where: { $0 == nil }) {
            throw CLIFailure.data("Column \(unknown + 1) of the header is not a delivery field; see `onething import deliveries --help`.")
        }
        var records: [Record] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            var values: [String: FieldInput] = [:]
            for (column, value) in zip(columns, cells(String(line))) {
                if let column { values[column] = .text(value) }
            }
            records.append(Record(place: "line \(index + 1)", values: values))
        }
        return records
    }

    private static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = iterator.next()
        while let c = pending {
            pending = iterator.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" {
                        current.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else if c != "\r" {
                current.append(c)
            }
        }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }

    /// One record checked with the checks of the form fields it fills (choice labels accepted).
    static func delivery(_ values: [String: FieldInput], source: DeliverySource, now: CivilDateTime) -> Result<Delivery, ApplicationProblems> {
        var clean: [String: String] = [:]
        var problems: [FieldProblem] = []
        for id in RecordSource.delivery.fields {
            guard let input = values[id], input != .text("") else {
                problems.append(FieldProblem(.required, field: id, message: "missing."))
                continue
            }
            switch source.check(input, of: id, now: now) {
            case .success(let value): clean[id] = value
            case .failure(let problem): problems.append(FieldProblem(field: id, problem: problem))
            }
        }
        guard problems.isEmpty else { return .failure(ApplicationProblems(problems)) }
        return .success(Delivery(record: clean))
    }
}

/// The form a delivery record fills, as the catalogue's `prefill` maps it: how a column is
/// named and how a value is checked.
struct DeliverySource {
    let bundle: BundleDefinition
    let mapping: PrefillMapping

    /// The form field a record field fills, if the catalogue maps it.
    func formField(of recordField: String) -> FieldDefinition? {
        mapping.fields[recordField].flatMap(bundle.field)
    }

    /// A header names a record field, or the form field it fills by its Chinese or English label.
    func column(named name: String) -> String? {
        let name = name.trimmingCharacters(in: .whitespaces)
        let fields = RecordSource.delivery.fields
        if fields.contains(name) { return name }
        return fields.first { id in
            formField(of: id).map { $0.label.zh == name || $0.label.en.lowercased() == name.lowercased() } ?? false
        }
    }

    /// A value checked as the form field it fills checks it (a choice by its label too); a
    /// record field the catalogue does not map is only normalised.
    func check(_ input: FieldInput, of recordField: String, now: CivilDateTime) -> Result<String, ValueProblem> {
        guard let field = formField(of: recordField) else {
            guard case .text(let raw) = input else { return .failure(ValueProblem(.inputNotText, "Give this value as text.")) }
            return InputText.normalise(raw)
        }
        var input = input
        if case .text(let raw) = input,
            let option = field.options?.first(where: { $0.label.zh == raw || $0.label.en.lowercased() == raw.lowercased() })
        {
            input = .text(option.value)
        }
        return FieldValueValidator.validate(input, as: field, now: now)
    }
}
