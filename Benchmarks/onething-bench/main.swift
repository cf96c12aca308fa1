// Benchmarks of the node, run on a release build:
//   swift run -c release onething-bench filing [--count N]
//   swift run -c release onething-bench kiosk [--count N]
//   swift run -c release onething-bench codec [--count ROUNDS]
//   swift run -c release onething-bench sync-parts [--count N]
//   Benchmarks/sync-drain.sh [N...]   (uses `onething-bench seed` and `export-batches`)
// Figures and the commands that produced them are in BENCHMARKS.md.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let count = arguments.firstIndex(of: "--count").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 2000

switch arguments.first {
case "filing", nil:
    do {
        try FilingBenchmark(count: count).run()
    } catch {
        FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "parts":
    do {
        try PartsBenchmark(count: count).run()
    } catch {
        FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "kiosk":
    do {
        try KioskBenchmark(count: count).run()
    } catch {
        FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "codec":
    do {
        try CodecParts(rounds: arguments.firstIndex(of: "--count") == nil ? 20 : count).run()
    } catch {
        FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "pull-parts":
    do {
        try PullParts.run(arguments)
    } catch {
        FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "sync-parts":
    do {
        try SyncParts.run(count: arguments.firstIndex(of: "--count") == nil ? 20000 : count)
    } catch {
        FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
        exit(1)
    }
case "seed", "export-batches":  // set-up steps of Benchmarks/sync-drain.sh
    SyncDrainCommands.run(arguments)
default:
    FileHandle.standardError.write(Data("usage: onething-bench filing|parts|kiosk|codec|sync-parts [--count N] | pull-parts --db NODE --pages DIR\n".utf8))
    exit(64)
}
