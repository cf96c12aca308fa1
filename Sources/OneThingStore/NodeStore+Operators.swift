import Foundation
import GRDB
package import OneThingModel

/// A clerk who signs in at the kiosk.
package struct OperatorInfo: Sendable, Hashable, Codable {
    package var id: String
    package var name: String
    package var locked: Bool
    package var failedAttempts: Int
    package var active: Bool

    enum CodingKeys: String, CodingKey {
        case id, name, locked
        case failedAttempts = "failed_attempts"
        case active
    }
}

/// The answer to a sign-in attempt.
package enum SignInResult: Sendable, Hashable {
    case signedIn(OperatorInfo)
    /// Wrong operator id or PIN (which of the two is not told); attempts left before locking.
    case refused(attemptsLeft: Int?)
    /// Locked after repeated failures: a supervisor runs `onething operators unlock ID`.
    case locked
}

extension NodeStore {
    /// Failed sign-ins in a row that lock an operator.
    package static let maxFailedSignIns = 5

    /// Operator ids: 1 to 32 letters, digits, `-`, `_` or `.`.
    package static func isValidOperatorId(_ id: String) -> Bool {
        (1...32).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// PINs: 6 to 12 digits.
    package static func isValidPIN(_ pin: String) -> Bool {
        (6...12).contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Adds an operator, or sets a new PIN (and unlocks) when `replace` and it exists.
    package func saveOperator(id: String, name: String, pin: String, replace: Bool, at time: Timestamp) throws(StoreError) {
        let salt = PINHash.salt()
        let hash = try PINHash.hash(pin: pin, salt: salt, rounds: PINHash.rounds)
        try write { db in
            let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM operators WHERE id = ?", arguments: [id]) ?? false
            if exists && !replace { throw StoreError.operatorExists(id: id) }
            if !exists && replace { throw StoreError.noSuchOperator(id: id) }
            try db.execute(
                sql: """
                    INSERT INTO operators (id, name, pin_salt, pin_hash, pin_rounds, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, pin_salt = excluded.pin_salt,
                        pin_hash = excluded.pin_hash, pin_rounds = excluded.pin_rounds, failed_attempts = 0, locked = 0, active = 1
                    """,
                arguments: [id, name, salt, hash, PINHash.rounds, time.description])
        }
    }

    package func operators() throws(StoreError) -> [OperatorInfo] {
        try read { db in
            try OperatorRow.fetchAll(db, sql: "SELECT * FROM operators ORDER BY id").map(\.info)
        }
    }

    /// Unlocks (and clears the failure count of) an operator.
    package func unlockOperator(id: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE operators SET locked = 0, failed_attempts = 0 WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw StoreError.noSuchOperator(id: id) }
        }
    }

    /// Deactivates an operator (kept, since applications record who filed them).
    package func deactivateOperator(id: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE operators SET active = 0 WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw StoreError.noSuchOperator(id: id) }
        }
    }

    /// Checks a PIN. Each failure is counted in the database (so restarting the kiosk does
    /// not reset it); the fifth in a row locks the operator. A success clears the count.
    package func signIn(id: String, pin: String) throws(StoreError) -> SignInResult {
        let found = try read { db in try OperatorRow.fetchOne(db, sql: "SELECT * FROM operators WHERE id = ?", arguments: [id]) }
        guard let found, found.info.active else { return .refused(attemptsLeft: nil) }
        if found.info.locked { return .locked }
        let hash = try PINHash.hash(pin: pin, salt: found.pinSalt, rounds: found.pinRounds)
        let matches = PINHash.matches(hash, found.pinHash)
        return try write { db in
            if matches {
                try db.execute(sql: "UPDATE operators SET failed_attempts = 0 WHERE id = ?", arguments: [id])
                return .signedIn(found.info)
            }
            try db.execute(
                sql: "UPDATE operators SET failed_attempts = failed_attempts + 1, locked = (failed_attempts + 1 >= ?) WHERE id = ?",
                arguments: [Self.maxFailedSignIns, id])
            let failures = try Int.fetchOne(db, sql: "SELECT failed_attempts FROM operators WHERE id = ?", arguments: [id]) ?? 0
            return failures >= Self.maxFailedSignIns ? .locked : .refused(attemptsLeft: Self.maxFailedSignIns - failures)
        }
    }
}
