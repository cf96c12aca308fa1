import Crypto
import _CryptoExtras
import Foundation

/// Operator PINs: PBKDF2-SHA256 over a random 16-byte salt, slow on purpose so that a
/// copied database does not give the PINs away cheaply.
enum PINHash {
    static let rounds = 210_000
    static let length = 32

    static func salt() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func hash(pin: String, salt: Data, rounds: Int) throws(StoreError) -> Data {
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: Data(pin.utf8), salt: salt, using: .sha256, outputByteCount: length, unsafeUncheckedRounds: rounds)
            return key.withUnsafeBytes { Data($0) }
        } catch {
            throw .internalFailure(what: "a PIN hash")
        }
    }

    /// Compares without an early exit, so the time taken tells nothing about the hash.
    static func matches(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
