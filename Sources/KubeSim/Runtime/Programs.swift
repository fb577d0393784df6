// Programs: what runs inside a simulated container — web servers, shells, stress, perl, the
// liveness example server, the cluster's own components. Each behaves as Runtime/Images.md says.

/// When a program wants to run again.
enum Wake: Equatable {
  case never
  case after(Int64)
}

/// A signal the runtime delivers (`StopContainer` sends the image's stop signal, then SIGKILL).
enum Signal: Int32 {
  case term = 15
  case quit = 3
  case kill = 9
  case winch = 28

  var name: String {
    switch self {
    case .term: return "SIGTERM"
    case .quit: return "SIGQUIT"
    case .kill: return "SIGKILL"
    case .winch: return "SIGWINCH"
    }
  }
}

/// A simulated process: PID 1 of a container.
protocol Program: AnyObject {
  /// Starts the process.
  func start(_ c: RuntimeContainer) -> Wake
  /// Runs the process when its wake time comes.
  func wake(_ c: RuntimeContainer) -> Wake
  /// Delivers a stop signal; the program may exit (through `c.exit`) or ignore it.
  func signal(_ c: RuntimeContainer, _ signal: Signal)
  /// The TCP ports it listens on.
  func ports(_ c: RuntimeContainer) -> [Int]
  /// Answers an HTTP GET on one of its ports.
  func serve(_ c: RuntimeContainer, port: Int, path: String, headers: [String: String], client: String) -> HTTPResponse
  /// CPU (millicores) and memory (bytes) the process uses right now, before limits.
  func usage(_ c: RuntimeContainer) -> (cpuMilli: Int64, memoryBytes: Int64)
}

extension Program {
  func wake(_ c: RuntimeContainer) -> Wake { .never }
  func ports(_ c: RuntimeContainer) -> [Int] { [] }
  func serve(_ c: RuntimeContainer, port: Int, path: String, headers: [String: String], client: String) -> HTTPResponse
  {
    HTTPResponse(status: 404, body: "404 page not found\n", headers: ["Content-Type": "text/plain; charset=utf-8"])
  }
  /// PID 1 without a handler ignores SIGTERM; only SIGKILL ends it.
  func signal(_ c: RuntimeContainer, _ signal: Signal) {}
}

// MARK: - Web servers

/// nginx, httpd, the guestbook frontend and any unknown image: an HTTP server that never exits.
final class WebServer: Program {
  enum Flavor { case nginx, httpd, guestbook, generic }
  let flavor: Flavor
  let declaredPorts: [Int]
  init(_ flavor: Flavor, ports: [Int]) {
    self.flavor = flavor
    declaredPorts = ports
  }

  static let nginxWelcome = """
    <!DOCTYPE html>
    <html>
    <head>
    <title>Welcome to nginx!</title>
    <style>
    html { color-scheme: light dark; }
    body { width: 35em; margin: 0 auto;
    font-family: Tahoma, Verdana, Arial, sans-serif; }
    </style>
    </head>
    <body>
    <h1>Welcome to nginx!</h1>
    <p>If you see this page, the nginx web server is successfully installed and
    working. Further configuration is required.</p>

    <p>For online documentation and support please refer to
    <a href="http://nginx.org/">nginx.org</a>.<br/>
    Commercial support is available at
    <a href="http://nginx.com/">nginx.com</a>.</p>

    <p><em>Thank you for using nginx.</em></p>
    </body>
    </html>

    """

  static let nginxNotFound = """
    <html>
    <head><title>404 Not Found</title></head>
    <body>
    <center><h1>404 Not Found</h1></center>
    <hr><center>nginx/VERSION</center>
    </body>
    </html>

    """

  static let guestbookPage = """
    <html ng-app="redis">
      <head>
        <title>Guestbook</title>
        <link rel="stylesheet" href="//netdna.bootstrapcdn.com/bootstrap/3.1.1/css/bootstrap.min.css">
        <script src="https://ajax.googleapis.com/ajax/libs/angularjs/1.2.12/angular.min.js"></script>
        <script src="controllers.js"></script>
        <script src="https://cdnjs.cloudflare.com/ajax/libs/angular-ui-bootstrap/0.13.0/ui-bootstrap-tpls.js"></script>
      </head>
      <body ng-controller="RedisCtrl">
        <div style="width: 50%; margin-left: 20px">
          <h2>Guestbook</h2>
        <form>
        <fieldset>
        <input ng-model="msg" placeholder="Messages" class="form-control" type="text" name="input"><br>
        <button type="button" class="btn btn-primary" ng-click="controller.onRedis()">Submit</button>
        </fieldset>
        </form>
        <div>
          <div ng-repeat="msg in messages track by $index">
            {{msg}}
          </div>
        </div>
        </div>
      </body>
    </html>

    """

  var version: String = "1.27.3"

  func start(_ c: RuntimeContainer) -> Wake {
    let t = c.now
    switch flavor {
    case .nginx:
      version = c.image.env.first { $0.0 == "NGINX_VERSION" }?.1 ?? "1.27.3"
      let major = version.split(separator: ".").compactMap { Int($0) }
      if major.count >= 2 && (major[0] > 1 || major[1] >= 19) {
        for line in [
          "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
          "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
          "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
          "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
          "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
          "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
          "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
          "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
          "/docker-entrypoint.sh: Configuration complete; ready for start up",
        ] {
          c.log(line)
        }
        let stamp = Self.nginxTime(t)
        c.log("\(stamp) [notice] 1#1: using the \"epoll\" event method")
        c.log("\(stamp) [notice] 1#1: nginx/\(version)")
        c.log("\(stamp) [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ")
        c.log("\(stamp) [notice] 1#1: OS: Linux 6.8.0-51-generic")
        c.log("\(stamp) [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576")
        c.log("\(stamp) [notice] 1#1: start worker processes")
        c.log("\(stamp) [notice] 1#1: start worker process 29")
      }
      c.files["/usr/share/nginx/html/index.html"] = Self.nginxWelcome
    case .httpd:
      let ip = c.sandbox.ip
      let msg =
        "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using \(ip). Set the 'ServerName' directive globally to suppress this message"
      c.log(msg)
      c.log(msg)
      c.log(
        "[\(Self.apacheTime(t))] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations"
      )
      c.log("[\(Self.apacheTime(t))] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'")
      c.files["/usr/local/apache2/htdocs/index.html"] = "<html><body><h1>It works!</h1></body></html>\n"
    case .guestbook, .generic:
      break
    }
    return .never
  }

  func ports(_ c: RuntimeContainer) -> [Int] {
    switch flavor {
    case .nginx, .httpd, .guestbook: return Array(Set([80] + declaredPorts)).sorted()
    case .generic: return declaredPorts
    }
  }

  func serve(_ c: RuntimeContainer, port: Int, path: String, headers: [String: String], client: String) -> HTTPResponse
  {
    let agent = headers["User-Agent"] ?? "curl/8.5.0"
    let response: HTTPResponse
    switch flavor {
    case .nginx:
      let file = path == "/" ? "/usr/share/nginx/html/index.html" : "/usr/share/nginx/html" + path
      if let body = c.files[file] {
        response = HTTPResponse(
          status: 200, body: body, headers: ["Server": "nginx/\(version)", "Content-Type": "text/html"])
      } else {
        response = HTTPResponse(
          status: 404, body: Self.nginxNotFound.replacingVersion(version),
          headers: ["Server": "nginx/\(version)", "Content-Type": "text/html"])
        c.log(
          "\(Self.nginxTime(c.now)) [error] 29#29: *1 open() \"\(file)\" failed (2: No such file or directory), client: \(client), server: localhost, request: \"GET \(path) HTTP/1.1\", host: \"\(c.sandbox.ip)\""
        )
      }
      c.log(
        "\(client) - - [\(Self.accessTime(c.now))] \"GET \(path) HTTP/1.1\" \(response.status) \(response.body.utf8.count) \"-\" \"\(agent)\" \"-\""
      )
    case .httpd:
      if path == "/" || path == "/index.html" {
        response = HTTPResponse(
          status: 200, body: c.files["/usr/local/apache2/htdocs/index.html"] ?? "",
          headers: ["Server": "Apache/2.4.62 (Unix)", "Content-Type": "text/html"])
      } else {
        response = HTTPResponse(
          status: 404,
          body:
            "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n",
          headers: ["Server": "Apache/2.4.62 (Unix)", "Content-Type": "text/html; charset=iso-8859-1"])
      }
      c.log(
        "\(client) - - [\(Self.accessTime(c.now))] \"GET \(path) HTTP/1.1\" \(response.status) \(response.body.utf8.count)"
      )
    case .guestbook:
      response = HTTPResponse(
        status: 200, body: Self.guestbookPage,
        headers: ["Server": "Apache/2.4.38 (Debian)", "Content-Type": "text/html; charset=UTF-8"])
      c.log(
        "\(client) - - [\(Self.accessTime(c.now))] \"GET \(path) HTTP/1.1\" 200 \(response.body.utf8.count) \"-\" \"\(agent)\""
      )
    case .generic:
      response = HTTPResponse(
        status: 200, body: "Hello from \(c.config.metadata.name) (\(c.image.name.normalized)) on port \(port)\n",
        headers: ["Content-Type": "text/plain; charset=utf-8"])
    }
    return response
  }

  func signal(_ c: RuntimeContainer, _ signal: Signal) {
    switch flavor {
    case .nginx:
      let stamp = Self.nginxTime(c.now)
      c.log(
        "\(stamp) [notice] 1#1: signal \(signal.rawValue) (\(signal.name)) received, \(signal == .quit ? "shutting down" : "exiting")"
      )
      c.log("\(stamp) [notice] 29#29: gracefully shutting down")
      c.log("\(stamp) [notice] 29#29: exiting")
      c.log("\(stamp) [notice] 29#29: exit")
      c.log("\(stamp) [notice] 1#1: signal 17 (SIGCHLD) received from 29")
      c.log("\(stamp) [notice] 1#1: worker process 29 exited with code 0")
      c.log("\(stamp) [notice] 1#1: exit")
      c.exit(0)
    case .httpd:
      c.log(
        "[\(Self.apacheTime(c.now))] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully"
      )
      c.exit(0)
    case .guestbook:
      c.exit(0)
    case .generic:
      c.exit(signal == .term ? 143 : 0)
    }
  }

  func usage(_ c: RuntimeContainer) -> (cpuMilli: Int64, memoryBytes: Int64) {
    switch flavor {
    case .nginx: return (0, 2_936_012 + Int64(c.requestsServed % 64) * 4096)
    case .httpd: return (1, 8_650_752)
    case .guestbook: return (1, 12_582_912)
    case .generic: return (1, 6_291_456)
    }
  }

  /// `2026/01/01 00:00:05`
  static func nginxTime(_ t: Time) -> String {
    let s = Array(t.rfc3339)
    return "\(String(s[0..<4]))/\(String(s[5..<7]))/\(String(s[8..<10])) \(String(s[11..<19]))"
  }

  /// `01/Jan/2026:00:00:05 +0000`
  static func accessTime(_ t: Time) -> String {
    let s = Array(t.rfc3339)
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "\(String(s[8..<10]))/\(months[Int(String(s[5..<7]))! - 1])/\(String(s[0..<4])):\(String(s[11..<19])) +0000"
  }

  /// `Thu Jan 01 00:00:05.000000 2026`
  static func apacheTime(_ t: Time) -> String {
    let d = Shell.dateText(t).split(separator: " ", omittingEmptySubsequences: true)
    let day = d[2].count == 1 ? "0" + d[2] : String(d[2])
    return "\(d[0]) \(d[1]) \(day) \(d[3]).000000 \(d[5])"
  }
}

extension String {
  fileprivate func replacingVersion(_ v: String) -> String {
    var out = ""
    var rest = Substring(self)
    while let r = rest.range(of: "VERSION") {
      out += rest[..<r.lowerBound] + v
      rest = rest[r.upperBound...]
    }
    return out + rest
  }
}

// MARK: - Shell userland

/// busybox, alpine, debian, ubuntu … (and any command that is a shell or a shell command): runs it.
final class ShellProgram: Program {
  let shell: Shell
  init(_ shell: Shell) { self.shell = shell }

  func start(_ c: RuntimeContainer) -> Wake { step(c) }
  func wake(_ c: RuntimeContainer) -> Wake { step(c) }

  private func step(_ c: RuntimeContainer) -> Wake {
    let outcome = shell.run(c)
    c.write(shell.takeOutput())
    switch outcome {
    case .exited(let code):
      c.exit(code)
      return .never
    case .sleeping(let seconds?): return .after(max(seconds, 1))
    case .sleeping(nil): return .never
    case .yielded: return .after(1)
    }
  }

  func usage(_ c: RuntimeContainer) -> (cpuMilli: Int64, memoryBytes: Int64) { (0, 450_560) }
}

// MARK: - stress

/// `vish/stress -cpus N [-mem-total Q]` and `polinux/stress --vm N --vm-bytes Q [--cpu N]`.
final class StressProgram: Program {
  let cpuMilli: Int64
  let memoryBytes: Int64
  let polinux: Bool
  init(args: [String], polinux: Bool) {
    self.polinux = polinux
    var cpus: Int64 = 0
    var vm: Int64 = 0
    var vmBytes: Int64 = 256 * 1024 * 1024
    var mem: Int64 = 0
    var i = 0
    while i < args.count {
      let a = args[i]
      let next = i + 1 < args.count ? args[i + 1] : ""
      switch a {
      case "-cpus", "--cpus", "--cpu", "-c": cpus = Int64(next) ?? 1; i += 1
      case "--vm", "-m": vm = Int64(next) ?? 1; i += 1
      case "--vm-bytes": vmBytes = StressProgram.bytes(next); i += 1
      case "-mem-total", "--mem-total": mem = StressProgram.bytes(next); i += 1
      default: break
      }
      i += 1
    }
    cpuMilli = cpus * 1000
    memoryBytes = mem + vm * vmBytes
  }

  /// stress's sizes are binary: `150M` is 150 MiB.
  static func bytes(_ s: String) -> Int64 {
    if let q = try? Quantity.parse(s) {
      let text = s.uppercased()
      if let last = text.last, "KMGT".contains(last), !text.hasSuffix("I") {
        let n = Int64(text.dropLast()) ?? 0
        switch last {
        case "K": return n * 1024
        case "M": return n * 1024 * 1024
        case "G": return n * 1024 * 1024 * 1024
        default: return n * 1024 * 1024 * 1024 * 1024
        }
      }
      return q.value
    }
    return Int64(s) ?? 0
  }

  func start(_ c: RuntimeContainer) -> Wake {
    if polinux {
      let vm = memoryBytes > 0 ? 1 : 0
      c.log("stress: info: [1] dispatching hogs: \(cpuMilli / 1000) cpu, 0 io, \(vm) vm, 0 hdd")
    } else {
      c.log(
        "I\(Self.glogTime(c.now))       1 main.go:26] Allocating \"\(memoryBytes / 1024 / 1024)Mi\" memory, in \"4Ki\" chunks, with a 1ms sleep between allocations"
      )
      c.log("I\(Self.glogTime(c.now))       1 main.go:29] Spawning a thread to consume CPU")
    }
    // Memory is allocated within the first second; over the limit the kernel's OOM killer ends it.
    return .after(1)
  }

  func wake(_ c: RuntimeContainer) -> Wake {
    let limit = c.config.resources.memoryLimitBytes
    if limit > 0 && memoryBytes + 1_048_576 > limit {
      if polinux {
        c.log("stress: FAIL: [1] (415) <-- worker 7 got signal 9")
        c.log("stress: WARN: [1] (417) now reaping child worker processes")
        c.log("stress: FAIL: [1] (421) kill error: No such process")
        c.log("stress: FAIL: [1] (451) failed run completed in 1s")
      }
      c.exit(137, reason: "OOMKilled")
      return .never
    }
    if !polinux && memoryBytes > 0 {
      c.log("I\(Self.glogTime(c.now))       1 main.go:39] Allocated \"\(memoryBytes / 1024 / 1024)Mi\" memory")
    }
    return .never
  }

  func usage(_ c: RuntimeContainer) -> (cpuMilli: Int64, memoryBytes: Int64) {
    (cpuMilli, memoryBytes + 1_048_576)
  }

  /// glog's `0101 00:00:05.000000`.
  static func glogTime(_ t: Time) -> String {
    let s = Array(t.rfc3339)
    return "\(String(s[5..<7]))\(String(s[8..<10])) \(String(s[11..<19])).000000"
  }
}

// MARK: - perl

/// perl: `-Mbignum=bpi -wle 'print bpi(2000)'` prints 2000 digits of pi after a few seconds of work.
final class PerlProgram: Program {
  let script: String
  /// Seconds the computation takes.
  static let computeSeconds: Int64 = 5
  init(args: [String]) { script = args.joined(separator: " ") }

  func start(_ c: RuntimeContainer) -> Wake {
    if script.contains("bpi") { return .after(Self.computeSeconds) }
    if let r = script.range(of: "print ") {
      var text = String(script[r.upperBound...])
      text = text.trimmingCharacters(in: "\"'; ")
      c.log(text)
      c.exit(0)
      return .never
    }
    c.exit(0)
    return .never
  }

  func wake(_ c: RuntimeContainer) -> Wake {
    var digits = 2000
    if let r = script.range(of: "bpi(") {
      let n = script[r.upperBound...].prefix { $0.isNumber }
      digits = Int(n) ?? 2000
    }
    c.log(digits == 2000 ? PiDigits.bpi2000 : PiDigits.text(significant: max(2, min(digits, 20000))))
    c.exit(0)
    return .never
  }

  func usage(_ c: RuntimeContainer) -> (cpuMilli: Int64, memoryBytes: Int64) { (1000, 9_437_184) }
}

extension String {
  func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }
}

// MARK: - The liveness example server

/// `k8s.gcr.io/liveness /server`: `/healthz` answers 200 for the first 10 seconds, then 500.
final class LivenessServer: Program {
  func start(_ c: RuntimeContainer) -> Wake { .never }
  func ports(_ c: RuntimeContainer) -> [Int] { [8080] }
  func serve(_ c: RuntimeContainer, port: Int, path: String, headers: [String: String], client: String) -> HTTPResponse
  {
    let age = c.startedAt.map { $0.seconds(until: c.now) } ?? 0
    if path == "/healthz" || path.hasPrefix("/healthz?") {
      if age > 10 {
        return HTTPResponse(
          status: 500, body: "error: \(age)\n", headers: ["Content-Type": "text/plain; charset=utf-8"])
      }
      return HTTPResponse(status: 200, body: "ok", headers: ["Content-Type": "text/plain; charset=utf-8"])
    }
    return HTTPResponse(status: 200, body: "Hello World!\n", headers: ["Content-Type": "text/plain; charset=utf-8"])
  }
  func signal(_ c: RuntimeContainer, _ signal: Signal) { c.exit(2) }
  func usage(_ c: RuntimeContainer) -> (cpuMilli: Int64, memoryBytes: Int64) { (0, 1_310_720) }
}

// MARK: - The cluster's own images

/// pause, CoreDNS, kube-proxy and the control plane: long-running servers with their health ports.
final class SystemServer: Program {
  let kind: ImageKind
  let component: String
  init(kind: ImageKind, component: String) {
    self.kind = kind
    self.component = component
  }

  func start(_ c: RuntimeContainer) -> Wake {
    let t = c.now
    switch kind {
    case .coredns:
      c.log(".:53")
      c.log(
        "[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908"
      )
      c.log("CoreDNS-1.11.3")
      c.log("linux/amd64, go1.21.11, a6338e9")
    case .kubeProxy:
      c.log("I\(StressProgram.glogTime(t))       1 server_linux.go:66] \"Using iptables proxy\"")
      c.log(
        "I\(StressProgram.glogTime(t))       1 server.go:677] \"Successfully retrieved node IP(s)\" IPs=[\"\(c.sandbox.ip)\"]"
      )
      c.log("I\(StressProgram.glogTime(t))       1 shared_informer.go:320] Caches are synced for service config")
    case .controlPlane:
      c.log(
        "I\(StressProgram.glogTime(t))       1 server.go:\(component == "etcd" ? "" : "")145] \"Starting \(component)\" version=\"\(component == "etcd" ? "3.5.16" : "v1.32.0")\""
      )
    default: break
    }
    return .never
  }

  func ports(_ c: RuntimeContainer) -> [Int] {
    switch kind {
    case .coredns: return [53, 8080, 8181, 9153]
    case .kubeProxy: return [10249, 10256]
    case .controlPlane:
      switch component {
      case "etcd": return [2379, 2380, 2381]
      case "kube-apiserver": return [6443]
      case "kube-controller-manager": return [10257]
      case "kube-scheduler": return [10259]
      default: return []
      }
    default: return []
    }
  }

  func serve(_ c: RuntimeContainer, port: Int, path: String, headers: [String: String], client: String) -> HTTPResponse
  {
    let plain = ["Content-Type": "text/plain; charset=utf-8"]
    switch (kind, port) {
    case (.coredns, 8080) where path == "/health": return HTTPResponse(status: 200, body: "OK", headers: plain)
    case (.coredns, 8181) where path == "/ready": return HTTPResponse(status: 200, body: "OK", headers: plain)
    case (.coredns, 9153):
      return HTTPResponse(
        status: 200,
        body:
          "# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.\n",
        headers: plain)
    case (.kubeProxy, 10256) where path == "/healthz":
      return HTTPResponse(
        status: 200, body: "{\"lastUpdated\":\"\(c.now.rfc3339)\",\"currentTime\":\"\(c.now.rfc3339)\"}",
        headers: ["Content-Type": "application/json"])
    case (.controlPlane, _)
    where ["/healthz", "/livez", "/readyz", "/health"].contains(
      path.split(separator: "?").first.map(String.init) ?? path):
      if component == "etcd" {
        return HTTPResponse(
          status: 200, body: "{\"health\":\"true\",\"reason\":\"\"}", headers: ["Content-Type": "application/json"])
      }
      return HTTPResponse(status: 200, body: "ok", headers: plain)
    default:
      return HTTPResponse(status: 404, body: "404 page not found\n", headers: plain)
    }
  }

  func signal(_ c: RuntimeContainer, _ signal: Signal) {
    c.exit(0)
  }

  func usage(_ c: RuntimeContainer) -> (cpuMilli: Int64, memoryBytes: Int64) {
    switch kind {
    case .pause: return (0, 204_800)
    case .coredns: return (3, 13_631_488)
    case .kubeProxy: return (1, 14_155_776)
    default:
      switch component {
      case "etcd": return (24, 52_428_800)
      case "kube-apiserver": return (47, 262_144_000)
      case "kube-controller-manager": return (16, 50_331_648)
      case "kube-scheduler": return (4, 20_971_520)
      default: return (2, 20_971_520)
      }
    }
  }
}

/// `kubelab/crash` and any image named `*crash*`: prints a line and exits 1 after a second.
final class CrashProgram: Program {
  func start(_ c: RuntimeContainer) -> Wake {
    c.log("starting up…")
    return .after(1)
  }
  func wake(_ c: RuntimeContainer) -> Wake {
    c.log("panic: something went wrong")
    c.exit(1)
    return .never
  }
  func usage(_ c: RuntimeContainer) -> (cpuMilli: Int64, memoryBytes: Int64) { (0, 1_048_576) }
}
