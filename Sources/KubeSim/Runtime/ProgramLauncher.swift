// ProgramLauncher: what `runc` would exec — picks the simulated program for a container from its
// image and its command (ENTRYPOINT/CMD overridden by the pod's command/args), and runs execs.

enum ProgramLauncher {
  static let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh"]

  /// The argv the container runs: the pod's command replaces ENTRYPOINT, its args replace CMD.
  static func argv(_ c: RuntimeContainer) -> [String] {
    let config = c.config
    if !config.command.isEmpty { return config.command + config.args }
    if !config.args.isEmpty { return c.image.entrypoint + config.args }
    return c.image.entrypoint + c.image.cmd
  }

  static func basename(_ s: String) -> String { s.split(separator: "/").last.map(String.init) ?? s }

  /// The program for a container being started, or the exec error message.
  static func program(for c: RuntimeContainer) -> Result<Program, LaunchError> {
    let argv = argv(c)
    let ports = c.config.ports
    let kind = c.image.kind
    guard let first = argv.first else {
      return kind == .generic
        ? .success(WebServer(.generic, ports: ports)) : .failure(LaunchError("no command specified"))
    }
    let name = basename(first)
    // nginx's entrypoint script runs whatever follows it.
    if kind == .nginx && name == "docker-entrypoint.sh" && argv.count > 1 && basename(argv[1]) != "nginx" {
      return program(argv: Array(argv.dropFirst()), c, kind: kind, ports: ports)
    }
    return program(argv: argv, c, kind: kind, ports: ports)
  }

  private static func program(argv: [String], _ c: RuntimeContainer, kind: ImageKind, ports: [Int]) -> Result<
    Program, LaunchError
  > {
    let name = basename(argv[0])
    if shells.contains(name) {
      if let i = argv.firstIndex(of: "-c"), i + 1 < argv.count {
        let shell = Shell.script(argv[i + 1])
        return .success(ShellProgram(shell))
      }
      if argv.count > 1 && !argv[1].hasPrefix("-") {
        return .success(
          ShellProgram(
            Shell.script("echo \"\(name): can't open '\(argv[1])': No such file or directory\" >&2; exit 127")))
      }
      // An interactive shell without a terminal reads an empty stdin and exits at once.
      return .success(ShellProgram(Shell(.list([]))))
    }
    if !c.has(name) {
      return .failure(LaunchError("exec: \"\(argv[0])\": executable file not found in $PATH"))
    }
    if Shell.commands.contains(name) && !(kind == .stress && name.contains("stress")) {
      return .success(ShellProgram(Shell(.exec(argv))))
    }
    let args = Array(argv.dropFirst())
    switch kind {
    case .nginx:
      if ["nginx", "docker-entrypoint.sh", "nginx-debug"].contains(name) {
        return .success(WebServer(.nginx, ports: ports))
      }
    case .httpd:
      if ["httpd-foreground", "httpd", "apachectl", "apache2-foreground"].contains(name) {
        return .success(WebServer(.httpd, ports: ports))
      }
    case .guestbook:
      return .success(WebServer(.guestbook, ports: ports))
    case .stress:
      if name.contains("stress") {
        return .success(StressProgram(args: args, polinux: c.image.name.repository != "vish/stress"))
      }
    case .perl:
      if name.hasPrefix("perl") { return .success(PerlProgram(args: args)) }
    case .liveness:
      if name == "server" { return .success(LivenessServer()) }
    case .pause, .coredns, .kubeProxy, .controlPlane:
      return .success(SystemServer(kind: kind, component: c.image.name.shortName))
    case .crash:
      return .success(CrashProgram())
    case .generic:
      return .success(WebServer(.generic, ports: ports))
    case .shell:
      break
    }
    return .failure(LaunchError("exec: \"\(argv[0])\": executable file not found in $PATH"))
  }

  /// Runs `cmd` in the running container `c` (`kubectl exec`, exec probes).
  static func exec(_ cmd: [String], in c: RuntimeContainer) -> Result<CRI.ExecSyncResponse, LaunchError> {
    let name = basename(cmd[0])
    if !c.has(name) { return .failure(LaunchError("executable file not found in $PATH")) }
    if shells.contains(name) || Shell.commands.contains(name) {
      let node: ShellNode
      if shells.contains(name), let i = cmd.firstIndex(of: "-c"), i + 1 < cmd.count {
        guard let parsed = try? ShellParser.parse(cmd[i + 1]) else {
          return .success(CRI.ExecSyncResponse(stdout: "", stderr: "\(name): syntax error\n", exitCode: 2))
        }
        node = parsed
      } else if shells.contains(name) {
        node = .list([])
      } else {
        node = .exec(cmd)
      }
      let (out, code) = Shell.runToCompletion(node, c)
      return .success(CRI.ExecSyncResponse(stdout: out, stderr: "", exitCode: code))
    }
    switch (c.image.kind, name) {
    case (.nginx, "nginx") where cmd.contains("-v") || cmd.contains("-V"):
      let v = c.image.env.first { $0.0 == "NGINX_VERSION" }?.1 ?? "1.27.3"
      return .success(CRI.ExecSyncResponse(stdout: "nginx version: nginx/\(v)\n", stderr: "", exitCode: 0))
    case (.nginx, "nginx") where cmd.contains("-t"):
      return .success(
        CRI.ExecSyncResponse(
          stdout:
            "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n",
          stderr: "", exitCode: 0))
    case (.perl, _) where name.hasPrefix("perl"):
      return .success(CRI.ExecSyncResponse(stdout: "", stderr: "", exitCode: 0))
    default:
      return .failure(LaunchError("executable file not found in $PATH"))
    }
  }
}

/// Why a program could not be started.
struct LaunchError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
