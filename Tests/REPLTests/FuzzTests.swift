// FuzzTests: thousands of random and mutated command lines and manifests through batch mode —
// no crash, no hang, and every failure explained by a well-formed error.
//
// The corpus (FuzzInputs) comes from a fixed seed, so every run feeds the same inputs. It is cut
// into batches, each starting with a small prelude that creates objects for the commands to act on.
// Not in the corpus: `exit`/`quit` (they end a batch), heredocs the generator did not close, and
// long but valid `tick`/`step`/`run` amounts (simulated time costs real time: they become 60;
// amounts past Int64 stay, since they must fail at once).
//
// Pass 1, the real binary: each batch is one `kubelab --no-record` process reading the batch on
// standard input. The process must end by exit (not by a signal: a Swift trap, an overflow, a
// force-unwrap), with status 0 or 1, within `timeout` seconds, and print no Swift runtime report.
// A failing batch is narrowed to its shortest failing prefix, and the last command of that prefix
// is tried alone, so the report names the input that crashed or hung.
//
// Pass 2, in process: the batches that passed pass 1 run again through the same `BatchRunner`
// and a `Session` with the same options (so the same seed and the same outcomes), which lets each
// command's success and standard error be read exactly. The rule for errors, after kubectl's
// `cmdutil.CheckErr` and cobra:
// - A command that fails prints at least one error line on stderr. The exceptions answer on
//   stdout with their exit status by design: `kubectl auth can-i` (`no`), `kubectl diff` (the
//   diff), `! COMMAND`, whose status is the inverse of COMMAND's, and `kubectl rollout status`
//   (Simulation: it cannot wait, so it prints where the rollout is and fails while unfinished).
// - `check` in a lesson prints its ✓/✗ check list, then `N of M checks pass.`, on stderr when a
//   check fails: those lines count as one report.
// - Every stderr line is an error line — it starts with `error: `, `Error: `, `Error from
//   server`, `Warning: `, `The … is invalid`, `command terminated with exit code`, or the batch
//   runner's `<stdin>: here-document` — or one of the hints kubectl prints after an error: an
//   empty line, `See '…'`, `Run '…'`, `Use "…"`, `Did you mean this?`, a tab-indented suggestion,
//   or a `* cause` under `The … is invalid:` (kubectl's MultilineError), or a further line of one
//   of upstream's few multi-line errors (listed in `continuations`). So every error is one line
//   (several objects may each have their own), and no message spills into free text such as a
//   parser's source excerpt. kubectl's notes on stderr (`No resources found`, `Found 2 pods,
//   using …`) and, under `ssh NODE`, the remote tools' own error lines count as error lines.
// - A kubectl command group without its subcommand prints its help and fails, as upstream's
//   `DefaultSubCommandRun` does: its output is not checked.
// - No error shows Swift internals (`Fatal error`, `DecodingError`, `codingPath`, `Optional(`,
//   `Swift.`, `Error Domain=`).
import Foundation
import KubelabTestSupport
import KubeSim
import REPL
import Testing
import Workbook

@Suite(.serialized)
struct FuzzTests {
  static let seed: UInt64 = 0x6B75_6265_6C61_6221
  static let batches = 20
  static let unitsPerBatch = 250
  static let timeout: TimeInterval = 60

  /// The corpus, batch by batch (the prelude not included).
  static func corpus() -> [[FuzzUnit]] {
    var gen = FuzzInputs(seed: seed, manifests: FuzzInputs.loadManifests())
    return (0..<batches).map { _ in (0..<unitsPerBatch).map { _ in gen.next() } }
  }

  static func script(_ units: [FuzzUnit]) -> String {
    (FuzzInputs.prelude + units).map(\.script).joined()
  }

  @Test func theCorpusIsDeterministicAndCoversManifests() {
    let a = Self.corpus()
    let b = Self.corpus()
    #expect(a.map { $0.map(\.script) } == b.map { $0.map(\.script) })
    let all = a.flatMap { $0 }
    #expect(all.count == Self.batches * Self.unitsPerBatch)
    #expect(all.filter { $0.body != nil }.count > all.count / 5)
    #expect(FuzzInputs.loadManifests().count > 20)
  }

  /// `FUZZ_DUMP=DIR` writes each batch's script to DIR (to replay one by hand: `kubelab < DIR/batch-3.txt`).
  @Test(.enabled(if: ProcessInfo.processInfo.environment["FUZZ_DUMP"] != nil))
  func dumpCorpus() throws {
    let dir = ProcessInfo.processInfo.environment["FUZZ_DUMP"] ?? "."
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (n, units) in Self.corpus().enumerated() {
      try Self.script(units).write(toFile: "\(dir)/batch-\(n).txt", atomically: true, encoding: .utf8)
    }
  }

  /// Pass 1 runs batch n+1 in a child process while pass 2 checks batch n in this one, so the two
  /// cores are both busy. `FUZZ_ONLY=N` runs batch N alone (when investigating a finding).
  @Test func batchModeSurvivesThousandsOfMutatedInputs() throws {
    let env = ProcessInfo.processInfo.environment
    var corpus = Array(Self.corpus().enumerated())
    if let only = env["FUZZ_ONLY"].flatMap(Int.init) {
      corpus = corpus.filter { $0.offset == only }
    }
    // `FUZZ_INJECT=LINE` puts LINE in the middle of every batch (to see a finding narrowed).
    if let line = env["FUZZ_INJECT"] {
      corpus = corpus.map {
        ($0.offset, Array($0.element.prefix(100)) + [FuzzUnit(line: line)] + $0.element.dropFirst(100))
      }
    }
    let timeout = env["FUZZ_TIMEOUT"].flatMap(TimeInterval.init) ?? Self.timeout
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kubelab-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: root) }
    func start(_ i: Int) throws -> FuzzProcess.Running? {
      guard i < corpus.count else { return nil }
      let (n, units) = corpus[i]
      return try FuzzProcess.start(Self.script(units), directory: root.appendingPathComponent("bin-\(n)"))
    }
    var running = try start(0)
    for i in corpus.indices {
      let (n, units) = corpus[i]
      let result = running!.wait(timeout: timeout)
      running = try start(i + 1)
      if let problem = result.problem {
        let culprit = try Self.narrow(units, directory: root.appendingPathComponent("narrow-\(n)"), timeout: timeout)
        Issue.record("batch \(n): \(problem)\n\(culprit)")
        continue
      }
      for finding in Self.checkErrors(units, directory: root.appendingPathComponent("in-\(n)")) {
        Issue.record("batch \(n): \(finding)")
      }
    }
  }

  // MARK: - Pass 1: crashes and hangs

  /// The shortest failing prefix of `units`, and whether its last unit fails alone.
  static func narrow(_ units: [FuzzUnit], directory: URL, timeout: TimeInterval) throws -> String {
    var attempt = 0
    func fails(_ prefix: ArraySlice<FuzzUnit>) throws -> String? {
      attempt += 1
      let dir = directory.appendingPathComponent("\(attempt)")
      return try FuzzProcess.start(script(Array(prefix)), directory: dir).wait(timeout: timeout).problem
    }
    var lo = 1
    var hi = units.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if try fails(units[..<mid]) != nil { hi = mid } else { lo = mid + 1 }
    }
    let last = units[lo - 1]
    if let alone = try fails([last][...]) {
      return "the input (after the prelude) alone: \(alone)\n\(last.script)"
    }
    return "after \(lo - 1) earlier inputs, the input:\n\(last.script)"
  }

  // MARK: - Pass 2: error lines

  struct Outcome {
    var line: String
    var input: String?
    var success: Bool
    var stderr: String
    /// stdout and stderr, in order.
    var output: String
  }

  static func checkErrors(_ units: [FuzzUnit], directory: URL) -> [String] {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var options = SessionOptions(workingDirectory: directory.path)
    let environment = ["XDG_DATA_HOME": directory.appendingPathComponent("data").path]
    options.lessons = LessonSettings(
      sources: LessonLocations.search(flags: [], environment: environment, executable: FuzzProcess.binary.path),
      progressFile: ProgressStore.defaultPath(environment: environment))
    let session = Session(options: options)
    var outcomes: [Outcome] = []
    session.afterCommand.append { record, sink in
      outcomes.append(
        Outcome(
          line: record.line, input: record.input, success: record.success, stderr: sink.stderr, output: record.output))
    }
    let runner = BatchRunner(session: session, echo: false) { _, _ in }
    _ = runner.run(script(units))
    return outcomes.compactMap { o in
      guard let problem = errorProblem(o) else { return nil }
      func cut(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n)) + "…" : s }
      let input = o.input.map { "\ninput:\n" + cut($0, 1500) } ?? ""
      return "\(problem)\ncommand: \(cut(o.line, 300))\nstderr:\n\(cut(o.stderr, 1000))\(input)"
    }
  }

  /// Lines that report an error (or, on a success, a warning or a note kubectl writes to stderr).
  static let errorHeads = [
    "error: ", "Error: ", "Error from server", "Warning: ", "command terminated with exit code ",
    "<stdin>: here-document",
    // kubectl's own notes on stderr: `get` finding nothing, `logs` picking a pod, `label k-`
    // on a missing label, and the line `get` prints before `error: Required resource not specified.`
    "No resources found", "Found ", "label \"", "You must specify the type of resource to get.",
    // etcdctl watch: the server cancelled the watch (compacted revision).
    "watch was canceled",
    // The tools `ssh NODE …` runs, in their own words: ssh, the remote shell, crictl (and klog's
    // `E0101 00:00:00.000000` prefix), systemctl.
    "ssh: ", "bash: line 1: ", "crictl: ", "crictl logs: ", "Unit ",
    // KubeLab's own hint where kubectl would block (`rollout status` of an unfinished rollout).
    "hint: ",
  ]
  /// Lines kubectl (or the console) prints under an error: hints, and the further lines of
  /// upstream's multi-line errors.
  static let continuations = [
    "See '", "Run '", "Use \"", "Use `", "`", "Did you mean this?", "\t",
    "ensure CRDs are installed first", "POD or TYPE/NAME is a required argument",
    "Example resource specifications include:", "   '", "Resource: \"", "Name: \"", "from server for: ",
    // drain's summary after `error: unable to drain node …, continuing command...`
    "There are pending nodes to be drained:", " ", "cannot delete ",
  ]
  static let internals = ["Fatal error", "DecodingError", "codingPath", "Optional(", "Swift.", "Error Domain="]

  /// A klog line (`W1125 00:00:00.000000       1 helpers.go:731] …`), as kubectl and crictl log
  /// warnings and errors.
  static func isKlog(_ l: String) -> Bool {
    let c = Array(l.prefix(6))
    return c.count == 6 && "IWEF".contains(c[0]) && c[1...4].allSatisfy(\.isASCII) && c[1...4].allSatisfy(\.isNumber)
      && c[5] == " "
  }

  /// What is wrong with how the command reported its failure, if anything.
  static func errorProblem(_ o: Outcome) -> String? {
    let words = o.line.split(separator: " ").map(String.init)
    let answersOnStdout =
      words.first == "!"
      || (["kubectl", "k"].contains(words.first ?? "")
        && (words.dropFirst().starts(with: ["auth", "can-i"]) || words.dropFirst().first == "diff"
          || words.dropFirst().starts(with: ["rollout", "status"])))
    // A kubectl command group run without its subcommand prints its help and fails
    // (`cmdutil.DefaultSubCommandRun`: on stderr, or on stdout for `rollout`), as `kubectl help
    // NOSUCHTOPIC` prints the root's help.
    if o.output.contains("\nUsage:\n  kubectl ") { return nil }
    if o.stderr.isEmpty {
      return o.success || answersOnStdout ? nil : "failed without an error"
    }
    if words.first == "check",
      o.stderr.split(separator: "\n").allSatisfy({ $0.hasPrefix("✓ ") || $0.hasPrefix("✗ ") || $0.hasSuffix(" pass.") })
    {
      return nil
    }
    if let i = internals.first(where: { o.stderr.contains($0) }) { return "an error shows Swift internals (\(i))" }
    var underInvalid = false
    var sawError = false
    for line in o.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      let l = String(line)
      if errorHeads.contains(where: { l.hasPrefix($0) }) || isKlog(l)
        || (l.hasPrefix("The ") && (l.contains(" is invalid") || l.hasPrefix("The request is invalid")))
      {
        sawError = true
        underInvalid = l.hasSuffix("is invalid: ")
        continue
      }
      if underInvalid && l.hasPrefix("* ") { continue }
      if sawError && (l.isEmpty || continuations.contains(where: { l.hasPrefix($0) })) { continue }
      return "stderr line is not an error line: \(l.prefix(200))"
    }
    return sawError ? nil : "stderr holds no error line"
  }
}

/// Runs the built binary on a script with a deadline, reading its output as it comes.
enum FuzzProcess {
  static var binary: URL { KubelabProcess.binary }

  struct Result {
    var stdout: String
    var stderr: String
    /// Why the run is a failure: a signal, an unexpected status, a runtime report, a hang.
    var problem: String?
  }

  final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ d: Data) { lock.withLock { data.append(d) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
  }

  /// A started run: `wait` collects it.
  struct Running {
    let process: Process
    let out: Collector
    let err: Collector
    let readers: DispatchGroup

    func wait(timeout: TimeInterval) -> Result {
      let p = process
      let deadline = Date().addingTimeInterval(timeout)
      while p.isRunning && Date() < deadline { usleep(10_000) }
      var problem: String? = nil
      if p.isRunning {
        kill(p.processIdentifier, SIGKILL)
        problem = "no exit after \(Int(timeout)) s (hang)"
      }
      p.waitUntilExit()
      readers.wait()
      let stderr = err.text
      if problem == nil {
        if p.terminationReason == .uncaughtSignal {
          problem = "killed by signal \(p.terminationStatus)"
        } else if ![0, 1].contains(p.terminationStatus) {
          problem = "exit status \(p.terminationStatus)"
        }
      }
      if stderr.contains("Fatal error") || stderr.contains("Stack dump") {
        problem = (problem.map { $0 + "; " } ?? "") + "a Swift runtime report on stderr"
      }
      guard let problem else { return Result(stdout: out.text, stderr: stderr, problem: nil) }
      let tail = stderr.split(separator: "\n").suffix(12).joined(separator: "\n")
      return Result(stdout: out.text, stderr: stderr, problem: "\(problem)\nstderr ends with:\n\(tail)")
    }
  }

  static func start(_ script: String, directory: URL) throws -> Running {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    signal(SIGPIPE, SIG_IGN)
    let p = Process()
    p.executableURL = binary
    p.arguments = ["--no-record"]
    p.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["XDG_STATE_HOME"] = directory.appendingPathComponent("state").path
    env["XDG_DATA_HOME"] = directory.appendingPathComponent("data").path
    p.environment = env
    let inPipe = Pipe()
    let outPipe = Pipe()
    let errPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    p.standardError = errPipe
    let out = Collector()
    let err = Collector()
    let group = DispatchGroup()
    for (pipe, sink) in [(outPipe, out), (errPipe, err)] {
      group.enter()
      DispatchQueue.global().async {
        let h = pipe.fileHandleForReading
        while true {
          let d = h.availableData
          if d.isEmpty { break }
          sink.append(d)
        }
        group.leave()
      }
    }
    try p.run()
    let input = inPipe.fileHandleForWriting
    DispatchQueue.global().async {
      // A child that dies early closes its end: a failed write, not SIGPIPE (see `start`).
      try? input.write(contentsOf: Data(script.utf8))
      try? input.close()
    }
    return Running(process: p, out: out, err: err, readers: group)
  }
}

/// Inputs the fuzz test found crashing or printing a malformed error, each with the error it
/// prints now (in process, on a small cluster).
struct FuzzRegressionTests {
  @Test(arguments: [
    // Overflowed Int64 (a trap) in `run`'s duration arithmetic.
    ("run 9999999999999999d", #"error: invalid duration "9999999999999999d": use forms such as 90s, 5m, 1h30m"#),
    ("run until idle --timeout 99999999999999999d", "error: --timeout needs a duration such as 5m"),
    // An int32 flag given a value past Int32 (a trap converting it).
    (
      "kubectl create deployment big --image=nginx --replicas=2147483648",
      #"Error: invalid argument "2147483648" for "-r, --replicas" flag: strconv.ParseInt: parsing "2147483648": value out of range"#
        + "\nSee 'kubectl create deployment --help' for usage."
    ),
    // A patch giving a field the wrong type: the field and what it expected, not Swift's debug text.
    (
      #"kubectl patch node node-1 -p '{"spec":{"unschedulable":"yes"}}'"#,
      #"Error from server (BadRequest): the patch could not be applied: spec.unschedulable: expected a boolean, got string "yes""#
    ),
    (
      "kubectl scale deployment web --replicas=99999999999999999999",
      #"Error: invalid argument "99999999999999999999" for "--replicas" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range"#
        + "\nSee 'kubectl scale --help' for usage."
    ),
  ])
  func failsWithOneError(line: String, error: String) {
    let out = OutputSink()
    #expect(!Session(options: SessionOptions()).execute(line, out: out))
    #expect(out.stderr == error + "\n")
  }
}
