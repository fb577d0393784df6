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
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env { environment[k] = v }
    let argv = ["tmux", "-L", socket] + args
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
    waitpid(pid, &status, 0)
    return String(decoding: output, as: UTF8.self)
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
}
