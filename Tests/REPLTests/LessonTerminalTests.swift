// LessonTerminalTests: the workbook in a real terminal — `kubelab lesson first-tick` run in tmux
// (keys typed with send-keys, the screen read with capture-pane): hints and checks, leaving with
// `exit`, and resuming at the same step on the same cluster.
import Foundation
import Testing

@Suite(.enabled(if: LessonTmux.path != nil, "tmux is not installed: the terminal test of the workbook needs it"))
struct LessonTerminalTests {
  @Test func aLessonResumesAtTheSameStepOnTheSameClusterAfterExit() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kubelab-terminal-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let terminal = try LessonTmux(socket: "kubelab-test-\(ProcessInfo.processInfo.processIdentifier)")
    defer { terminal.stop() }
    // The learner's own kubelab: progress, history and sessions in scratch folders.
    let command = [
      "env", "-u", "KUBELAB_LESSONS", "-u", "NO_COLOR", "KUBELAB_LANG=en", "XDG_DATA_HOME=\(scratch)/data",
      "XDG_STATE_HOME=\(scratch)/state", KubelabProcess.binary.path, "lesson", "first-tick",
    ].map(LessonTmux.quoted).joined(separator: " ")

    // First visit: the lesson starts on its own cluster.
    try terminal.start(command)
    let opening = try terminal.waitForPrompt()
    #expect(opening.contains("Lesson: One tick, phase by phase (first-tick) — 3 steps"))
    #expect(opening.contains("Step 1/3 · Run one phase"))
    #expect(terminal.lastPrompt == "kubelab [tick 5 · reconcile]>", "the setup ran `run 5s`")
    #expect(
      try terminal.run("hint") == "Hint 1/2: `step` runs exactly one phase. A tick always starts with the report phase."
    )
    let failing = try terminal.run("check")
    #expect(failing.hasPrefix("✗ You ran one phase with `step`.\n✗ The clock stands after the report phase."))
    #expect(failing.hasSuffix("0 of 2 checks pass."))
    let stepped = try terminal.run("step")
    #expect(stepped.hasPrefix("[tick 6 · report] "))
    #expect(stepped.contains("✓ Step 1/3 passed: Run one phase\nType `next` for step 2: Predict the next phase"))
    #expect(
      try terminal.run("check")
        == "✓ You ran one phase with `step`.\n✓ The clock stands after the report phase.\nThis step is passed already.")
    #expect(try terminal.run("next").hasPrefix("Step 2/3 · Predict the next phase\n"))
    #expect(try terminal.run("hint").hasPrefix("Hint 1/1: The kubelets have reported."))
    #expect(try terminal.run("answer store") == "✓ Correct.")
    let status = try terminal.run("status")
    #expect(status.hasPrefix("Tick:            6\nLast phase:      report\nNext phase:      store\n"))
    let prompt = terminal.lastPrompt
    try terminal.run("exit", waitForPrompt: false)
    try terminal.waitForExit()
    #expect(FileManager.default.fileExists(atPath: "\(scratch)/data/kubelab/progress.json"))

    // Second visit: the same step, hints and answers, and the very same cluster.
    try terminal.start(command)
    let resumed = try terminal.waitForPrompt()
    #expect(
      resumed.contains(
        "Resuming at step 2/3 (replayed 2 commands: the cluster is as you left it). `lesson reset` starts over."))
    #expect(resumed.contains("Step 2/3 · Predict the next phase"))
    #expect(!resumed.contains("Note:"), "the replay reached the same point")
    #expect(terminal.lastPrompt == prompt)
    #expect(try terminal.run("status") == status)
    #expect(try terminal.run("hint") == "No more hints (all 1 shown). `solution` shows the solution.")
    let check = try terminal.run("check")
    #expect(check.hasPrefix("✓ Which phase runs right after report?\n✗ You ran `step` to see the next phase."))
    #expect(try terminal.run("step").contains("✓ Step 2/3 passed: Predict the next phase"))
    try terminal.run("exit", waitForPrompt: false)
    try terminal.waitForExit()
  }
}

/// A private tmux server (its own socket, no configuration file) running one program in a detached
/// session of a fixed size.
final class LessonTmux {
  /// The tmux executable on PATH, if any.
  static let path: String? = {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return (dirs.map { "\($0)/tmux" } + ["/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"])
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let socket: String
  let session = "kubelab"
  /// How long to wait for kubelab to answer (it builds a cluster when a lesson starts).
  var timeout: TimeInterval = 90
  /// The prompt line the screen ended with when last read.
  private(set) var lastPrompt = ""
  /// The server's socket file (removed by `stop`).
  private var socketPath: String?

  init(socket: String) throws {
    guard LessonTmux.path != nil else { throw Failure(description: "tmux is not installed") }
    self.socket = socket
  }

  /// `'word'`, safe in the shell command tmux runs.
  static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  /// Runs tmux with `args` on the private socket; returns its exit status and output.
  ///
  /// Spawned directly (posix_spawn, waitpid) rather than with Foundation's Process: the client that
  /// starts the server forks it, which Process does not always notice, and its output goes to a file
  /// because the server keeps the client's descriptors (a pipe would never reach its end). The
  /// signal mask is cleared: tmux and kubelab must not inherit the test runner's blocked signals.
  @discardableResult
  func tmux(_ args: [String]) throws -> (status: Int32, output: String) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out").path
    defer { try? FileManager.default.removeItem(atPath: file) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    let argv = ([LessonTmux.path!, "-L", socket, "-f", "/dev/null"] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, LessonTmux.path!, &actions, &attributes, argv, environ)
    guard spawned == 0 else { throw Failure(description: "cannot start tmux: \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    // WIFEXITED / WEXITSTATUS
    let exited = status & 0x7f == 0
    return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
  }

  /// Starts `command` (a shell command line) in a new 120×50 session.
  func start(_ command: String) throws {
    let r = try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "50", command])
    guard r.status == 0 else { throw Failure(description: "tmux new-session failed: \(r.output)") }
    if socketPath == nil {
      socketPath = try tmux(["display-message", "-p", "#{socket_path}"]).output.trimmingCharacters(in: .newlines)
    }
  }

  /// Everything the session printed (its scrollback and screen), wrapped lines joined, trailing
  /// blank lines dropped.
  func screen() throws -> [String] {
    let r = try tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", session])
    guard r.status == 0 else { throw Failure(description: "tmux capture-pane failed: \(r.output)") }
    var lines = r.output.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
    }
    while lines.last == "" { lines.removeLast() }
    return lines
  }

  static func isPrompt(_ line: String) -> Bool { line.hasPrefix("kubelab [") && line.hasSuffix("]>") }

  /// Waits until the screen ends with an empty prompt; returns what it shows before that prompt,
  /// from the line after `from` (a line index) on.
  @discardableResult
  func waitForPrompt(from start: Int = 0) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var lines: [String] = []
    while Date() < deadline {
      lines = try screen()
      if let last = lines.last, LessonTmux.isPrompt(last), lines.count > start {
        lastPrompt = last
        return lines[start..<(lines.count - 1)].joined(separator: "\n")
          .trimmingCharacters(in: .newlines)
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw Failure(description: "no prompt after \(timeout)s; the screen shows:\n\(lines.joined(separator: "\n"))")
  }

  /// Types `line` and Enter; returns the output it printed (blank lines between parts kept, the
  /// surrounding ones trimmed).
  @discardableResult
  func run(_ line: String, waitForPrompt wait: Bool = true) throws -> String {
    let before = try screen()
    guard let last = before.last, LessonTmux.isPrompt(last) else {
      throw Failure(description: "not at a prompt: \(before.last ?? "")")
    }
    try tmux(["send-keys", "-t", session, "-l", line])
    try tmux(["send-keys", "-t", session, "Enter"])
    guard wait else { return "" }
    // The command line replaces the prompt line; the output starts after it.
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      let now = try screen()
      if now.count > before.count, now[before.count - 1] == "\(last) \(line)" {
        return try waitForPrompt(from: before.count)
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure(description: "the line \"\(line)\" never appeared after the prompt")
  }

  /// Waits until the program has ended (its session closes with it).
  func waitForExit() throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if try tmux(["has-session", "-t", session]).status != 0 { return }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw Failure(description: "kubelab did not exit")
  }

  /// Ends the private server (only ours: it has its own socket) and what runs in it. They inherit
  /// the test runner's blocked signals, so what `kill-server` does not end gets SIGKILL.
  func stop() {
    let pids = ((try? tmux(["display-message", "-p", "-t", session, "#{pid} #{pane_pid}"]))?.output ?? "")
      .split(whereSeparator: \.isWhitespace).compactMap { pid_t(String($0)) }
    _ = try? tmux(["kill-server"])
    for pid in pids where kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    if let socketPath, !socketPath.isEmpty { unlink(socketPath) }
  }
}
