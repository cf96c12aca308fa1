/// Normalises and checks one value against its field's type and constraints. Messages
/// never repeat the value.
package enum FieldValueValidator {
    package static func validate(
        _ input: FieldInput, as field: FieldDefinition, now: CivilDateTime
    ) -> Result<String, ValueProblem> {
        let raw: String
        switch input {
        case .text(let text):
            switch InputText.normalise(text) {
            case .success(let clean): raw = clean
            case .failure(let problem): return .failure(problem)
            }
        case .number(let number):
            guard [.integer, .decimal].contains(field.type) else {
                return .failure(ValueProblem(.numberForText, "Give this value as a JSON string in quotes; as a number it can lose digits."))
            }
            guard number.isFinite else { return .failure(ValueProblem(.numberNotFinite, "The number is not finite.")) }
            raw = NumberText.canonical(number)
        case .bool(let flag):
            guard field.type == .boolean else {
                return .failure(wrongKind(field, given: "true or false"))
            }
            raw = flag ? "true" : "false"
        case .unsupported(let kind):
            return .failure(wrongKind(field, given: kind))
        }
        if raw.isEmpty {
            return .failure(ValueProblem(.empty, "The value is empty; leave the field out if it does not apply."))
        }
        return check(raw, as: field, now: now)
    }

    private static func check(_ raw: String, as field: FieldDefinition, now: CivilDateTime) -> Result<String, ValueProblem> {
        let c = field.constraints ?? Constraints()
        switch field.type {
        case .name:
            return PersonName.normalise(raw, minLength: c.minLength ?? 2, maxLength: c.maxLength ?? 30)
        case .text:
            return checkLength(raw, min: c.minLength ?? 1, max: c.maxLength ?? 200)
                .flatMap { checkPattern($0, c.pattern) }
        case .code:
            return checkLength(raw.uppercased(), min: c.minLength ?? 1, max: c.maxLength ?? 64)
                .flatMap { checkPattern($0, c.pattern) }
        case .idNumber:
            return ResidentIDNumber.parse(raw, today: now.date).map(\.value)
        case .mobile:
            return MobileNumber.normalise(raw)
        case .bankCard:
            return BankCardNumber.normalise(raw)
        case .birthCertificateNo:
            return BirthCertificateNumber.normalise(raw)
        case .date:
            guard let date = CivilDate.parse(raw) else {
                return .failure(ValueProblem(.notADate, "Expected a real calendar date written as YYYY-MM-DD."))
            }
            return checkMoment(CivilDateTime(date: date, hour: 0, minute: 0), c, now: now).map { _ in date.description }
        case .datetime:
            guard let moment = CivilDateTime.parse(raw) else {
                return .failure(ValueProblem(.notADateTime, "Expected a real date and time written as YYYY-MM-DDTHH:MM."))
            }
            return checkMoment(moment, c, now: now).map { _ in moment.description }
        case .integer:
            guard let number = Int(raw) else {
                return .failure(ValueProblem(.notAnInteger, "Expected a whole number written with digits."))
            }
            return checkRange(Double(number), c).map { _ in String(number) }
        case .decimal:
            guard let number = Double(raw), number.isFinite, raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) else {
                return .failure(ValueProblem(.notADecimal, "Expected a number written with digits and at most one decimal point."))
            }
            return checkRange(number, c).map { _ in NumberText.canonical(number) }
        case .choice:
            let options = field.options ?? []
            guard options.contains(where: { $0.value == raw }) else {
                let allowed = options.map(\.value).joined(separator: ", ")
                return .failure(ValueProblem(.notAnOption, "Expected one of: \(allowed).", arguments: ["allowed": allowed]))
            }
            return .success(raw)
        case .boolean:
            switch raw.lowercased() {
            case "true": return .success("true")
            case "false":
                guard c.mustBeTrue != true else {
                    return .failure(ValueProblem(.consentRequired, "This consent is needed to file the bundle; without it the shared records cannot be checked."))
                }
                return .success("false")
            default: return .failure(ValueProblem(.notABoolean, "Expected true or false."))
            }
        }
    }

    private static func wrongKind(_ field: FieldDefinition, given: String) -> ValueProblem {
        let expected = expectation(of: field)
        return ValueProblem(
            .wrongKind, "Expected \(expected), not \(given).", arguments: ["expected": expected, "given": given])
    }

    private static func expectation(of field: FieldDefinition) -> String {
        switch field.type {
        case .integer, .decimal: "a number"
        case .boolean: "true or false"
        default: "a string"
        }
    }

    private static func checkLength(_ s: String, min: Int, max: Int) -> Result<String, ValueProblem> {
        guard (min...Swift.max(min, max)).contains(s.count) else {
            return .failure(ValueProblem(
                .length, "Expected between \(min) and \(max) characters.",
                arguments: ["min": String(min), "max": String(max)]
            ))
        }
        return .success(s)
    }

    private static func checkPattern(_ s: String, _ pattern: String?) -> Result<String, ValueProblem> {
        guard let pattern else { return .success(s) }
        guard let regex = try? Regex(pattern), (try? regex.wholeMatch(in: s)) != nil else {
            return .failure(ValueProblem(.pattern, "The value does not have the form of this document number; compare it with the example."))
        }
        return .success(s)
    }

    private static func checkRange(_ value: Double, _ c: Constraints) -> Result<Void, ValueProblem> {
        if let min = c.min, value < min {
            return .failure(ValueProblem(
                .belowMinimum, "Expected at least \(NumberText.canonical(min))\(rangeSuffix(c)).", arguments: rangeArguments(c)
            ))
        }
        if let max = c.max, value > max {
            return .failure(ValueProblem(
                .aboveMaximum, "Expected at most \(NumberText.canonical(max))\(rangeSuffix(c)).", arguments: rangeArguments(c)
            ))
        }
        return .success(())
    }

    private static func rangeArguments(_ c: Constraints) -> [String: String] {
        var arguments: [String: String] = [:]
        arguments["min"] = c.min.map(NumberText.canonical)
        arguments["max"] = c.max.map(NumberText.canonical)
        return arguments
    }

    private static func rangeSuffix(_ c: Constraints) -> String {
        guard let min = c.min, let max = c.max else { return "" }
        return " (the allowed range is \(NumberText.canonical(min)) to \(NumberText.canonical(max)))"
    }

    private static func checkMoment(_ moment: CivilDateTime, _ c: Constraints, now: CivilDateTime) -> Result<Void, ValueProblem> {
        if c.notFuture == true && moment > now {
            return .failure(ValueProblem(.dateInFuture, "The date lies in the future."))
        }
        if let days = c.maxAgeDays, moment.date < now.date.adding(days: -days) {
            return .failure(ValueProblem(
                .dateTooOld, "The date is more than \(days) days ago, beyond what this bundle accepts.",
                arguments: ["days": String(days)]
            ))
        }
        return .success(())
    }
}

/// Numbers as the node writes them: no exponent, no trailing `.0`.
enum NumberText {
    static func canonical(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }
}
