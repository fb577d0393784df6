import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A private tmux server for driving kubelab in a real terminal (send-keys / capture-pane).
final class Tmux {
  let socket: String
  let session = "kubelab"
  let env: [String: String]

  static var available: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
      || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
  }

  init(env: [String: String]) {
    socket = "kubelab-test-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0..<UInt32.max))"
    self.env = env
  }

  deinit { _ = try? run(["kill-server"]) }

  /// Runs a tmux command; `capture` returns its standard output. Uses posix_spawn and waitpid
  /// directly: tmux's client forks its server, which Foundation's Process waits on poorly.
  @discardableResult
  func run(_ args: [String], capture: Bool = false) throws -> String {
    try spawn(args, capture: capture).output
  }

  /// Whether `tmux args` exits 0 (e.g. `has-session`).
  func succeeds(_ args: [String]) throws -> Bool { try spawn(args, capture: false).status == 0 }

  private func spawn(_ args: [String], capture: Bool) throws -> (status: Int32, output: String) {
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env { environment[k] = v }
    let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + args
    var fds: [Int32] = [0, 0]
    if capture { guard pipe(&fds) == 0 else { throw POSIXError(.EIO) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if capture {
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
      posix_spawn_file_actions_addclose(&actions, fds[0])
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in cArgs { free(p) }
      for p in cEnv { free(p) }
    }
    // A clean signal mask and default handlers: the test runner's would be inherited by the tmux
    // server and by kubelab under it (a blocked SIGINT would make Ctrl-C do nothing).
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attr, &empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attr, &all)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    guard posix_spawnp(&pid, "tmux", &actions, &attr, cArgs, cEnv) == 0 else { throw POSIXError(.ENOENT) }
    var output = Data()
    if capture {
      close(fds[1])
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        let n = read(fds[0], &buffer, buffer.count)
        if n <= 0 { break }
        output.append(contentsOf: buffer[0..<n])
      }
      close(fds[0])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS
    let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (code, String(decoding: output, as: UTF8.self))
  }

  /// Starts `command` in a new window of the given size.
  func start(_ command: String, width: Int = 160, height: Int = 50) throws {
    var exports = ""
    for (k, v) in env.sorted(by: { $0.key < $1.key }) { exports += "\(k)='\(v)' " }
    try run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "env \(exports)\(command)"])
  }

  func send(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }

  /// Types text literally (no key names).
  func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }

  func screen() throws -> String { try run(["capture-pane", "-p", "-t", session, "-S", "-200"], capture: true) }

  /// Waits until the screen satisfies `condition` (at most `timeout` seconds).
  @discardableResult
  func wait(timeout: Double = 20, _ condition: (String) -> Bool) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if condition(last) { return last }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return last
  }

  /// The last non-empty line of the screen (the line being edited).
  func currentLine() throws -> String {
    try screen().split(separator: "\n").last.map(String.init) ?? ""
  }

  // MARK: - Driving the console prompt by prompt

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The prompt line the screen ended with when `waitForPrompt` last found one.
  private(set) var lastPrompt = ""

  static func isPrompt(_ line: String) -> Bool { line.hasPrefix("kubelab [") && line.hasSuffix("]>") }

  /// `'word'`, safe in the shell command tmux runs.
  static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  /// Everything the session printed (its scrollback and screen), wrapped lines joined, trailing
  /// spaces and blank lines dropped.
  func lines() throws -> [String] {
    var lines = try run(["capture-pane", "-p", "-J", "-S", "-", "-t", session], capture: true)
      .split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
      }
    while lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Waits until the screen ends with an empty prompt; returns what it shows before that prompt,
  /// from line index `start` on (the prompt is kept in `lastPrompt`).
  @discardableResult
  func waitForPrompt(from start: Int = 0, timeout: Double = 90) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var lines: [String] = []
    while Date() < deadline {
      lines = try self.lines()
      if let last = lines.last, Tmux.isPrompt(last), lines.count > start {
        lastPrompt = last
        return lines[start..<(lines.count - 1)].joined(separator: "\n").trimmingCharacters(in: .newlines)
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw Failure(description: "no prompt after \(timeout)s; the screen shows:\n\(lines.joined(separator: "\n"))")
  }

  /// Types `line` and Enter at the prompt; returns the output it printed before the next prompt
  /// (surrounding blank lines trimmed), or "" without waiting when `wait` is false.
  @discardableResult
  func enter(_ line: String, waitForPrompt wait: Bool = true, timeout: Double = 90) throws -> String {
    let before = try lines()
    guard let last = before.last, Tmux.isPrompt(last) else {
      throw Failure(description: "not at a prompt: \(before.last ?? "")")
    }
    try type(line)
    try send("Enter")
    guard wait else { return "" }
    // The command line replaces the prompt line; the output starts after it.
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      let now = try lines()
      if now.count > before.count, now[before.count - 1] == "\(last) \(line)" {
        return try waitForPrompt(from: before.count, timeout: timeout)
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure(description: "the line \"\(line)\" never appeared after the prompt")
  }

  /// Waits until the program has ended (its session closes with it).
  func waitForExit(timeout: Double = 90) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if !(try succeeds(["has-session", "-t", session])) { return }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw Failure(description: "kubelab did not exit")
  }
}
