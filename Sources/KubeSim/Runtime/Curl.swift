// Curl: curl 8's command line in a container — the page on stdout, the progress meter on stderr
// (stdout is a pipe under `kubectl exec`), its exit codes and error lines, through the cluster network.

enum Curl {
  struct Options {
    var silent = false
    var showError = false
    var fail = false
    var include = false
    var head = false
    var output: String? = nil
    var remoteName = false
    var writeOut: String? = nil
    var userAgent = "curl/8.11.1"
    var headers: [String: String] = [:]
    var urls: [String] = []
  }

  static let tryHelp = "curl: try 'curl --help' or 'curl --manual' for more information\n"

  /// The short options that take a value, and the long ones.
  private static let shortWithValue: Set<Character> = [
    "o", "w", "m", "H", "X", "d", "A", "u", "x", "e", "b", "c", "r", "T", "F", "E", "K", "U", "Y", "y", "z",
  ]
  private static let longWithValue: Set<String> = [
    "output", "write-out", "max-time", "connect-timeout", "header", "request", "data", "data-raw", "data-binary",
    "user-agent", "user", "proxy", "referer", "cookie", "cookie-jar", "range", "upload-file", "form", "cert",
    "config", "retry", "retry-delay", "resolve", "cacert", "url", "json", "max-redirs",
  ]

  static func parse(_ args: [String]) -> Result<Options, UsageError> {
    var o = Options()
    var rest = args[...]
    func apply(_ name: String, _ value: String?) -> String? {
      switch name {
      case "s", "silent": o.silent = true
      case "S", "show-error": o.showError = true
      case "f", "fail", "fail-with-body": o.fail = true
      case "i", "include": o.include = true
      case "I", "head": o.head = true
      case "o", "output": o.output = value
      case "O", "remote-name": o.remoteName = true
      case "w", "write-out": o.writeOut = value
      case "A", "user-agent": o.userAgent = value ?? o.userAgent
      case "H", "header":
        if let h = value, let colon = h.firstIndex(of: ":") {
          o.headers[String(h[..<colon])] = String(h[h.index(after: colon)...].drop { $0 == " " })
        }
      case "url": if let value { o.urls.append(value) }
      default:
        let known: Set<String> = [
          "L", "location", "k", "insecure", "v", "verbose", "4", "ipv4", "N", "no-buffer", "compressed", "http1.1",
          "q", "disable", "#", "progress-bar",
        ]
        if !known.contains(name) && !shortWithValue.contains(where: { String($0) == name })
          && !longWithValue.contains(name)
        {
          return name.count == 1
            ? "curl: option -\(name): is unknown\n" + tryHelp : "curl: option --\(name): is unknown\n" + tryHelp
        }
      }
      return nil
    }
    while let a = rest.popFirst() {
      if a.hasPrefix("--") && a.count > 2 {
        var name = String(a.dropFirst(2))
        var value: String? = nil
        if let eq = name.firstIndex(of: "=") {
          value = String(name[name.index(after: eq)...])
          name = String(name[..<eq])
        } else if longWithValue.contains(name) {
          guard let v = rest.popFirst() else {
            return .failure(UsageError("curl: option --\(name): requires parameter\n" + tryHelp))
          }
          value = v
        }
        if let e = apply(name, value) { return .failure(UsageError(e)) }
      } else if a.hasPrefix("-") && a.count > 1 {
        var flags = Substring(a.dropFirst())
        while let f = flags.popFirst() {
          var value: String? = nil
          if shortWithValue.contains(f) {
            if !flags.isEmpty {
              value = String(flags)
              flags = ""
            } else {
              guard let v = rest.popFirst() else {
                return .failure(UsageError("curl: option -\(f): requires parameter\n" + tryHelp))
              }
              value = v
            }
          }
          if let e = apply(String(f), value) { return .failure(UsageError(e)) }
        }
      } else {
        o.urls.append(a)
      }
    }
    return .success(o)
  }

  static func run(_ args: [String], _ host: ShellHost) -> Shell.CommandResult {
    let o: Options
    switch parse(args) {
    case .success(let parsed): o = parsed
    case .failure(let e): return .done(2, "", e.text)
    }
    guard let raw = o.urls.first else { return .done(2, "", "curl: no URL specified\n" + tryHelp) }
    let url = raw.contains("://") ? raw : "http://" + raw
    let meter = !o.silent
    var chunks: [Shell.Chunk] = []
    if meter { chunks.append(.err(meterHeader)) }
    var headers = o.headers
    if headers["User-Agent"] == nil { headers["User-Agent"] = o.userAgent }
    let result = host.request(url, headers: headers)
    let failure =
      result?.failure ?? (result == nil ? .unresolved(host: ClusterNetwork.parseURL(url).host) : nil)
    guard let response = result?.trace.response, failure == nil else {
      let f = failure ?? .emptyReply(host: ClusterNetwork.parseURL(url).host, ip: "", port: 0)
      if meter { chunks.append(.err(meterLine(total: 0, received: 0, spentMS: f.elapsedMS))) }
      if let w = o.writeOut { chunks.append(.out(writeOut(w, code: 0, size: 0, url: url, ip: ""))) }
      if !o.silent || o.showError { chunks.append(.err(f.curl + "\n")) }
      return .streams(f.curlExitCode, chunks)
    }
    let size = response.body.utf8.count
    let ip = result?.trace.address ?? ""
    if o.fail && response.status >= 400 {
      if meter { chunks.append(.err(meterLine(total: size, received: 0, spentMS: 0))) }
      if !o.silent || o.showError {
        chunks.append(.err("curl: (22) The requested URL returned error: \(response.status)\n"))
      }
      return .streams(22, chunks)
    }
    var head = "HTTP/1.1 \(response.status) \(HTTPStatusText.text(response.status))\r\n"
    for k in response.headers.keys.sorted() { head += "\(k): \(response.headers[k]!)\r\n" }
    head += "\r\n"
    if o.head {
      if meter { chunks.append(.err(meterLine(total: size, received: 0, spentMS: 0) + "\n")) }
      chunks.append(.out(head))
      if let w = o.writeOut { chunks.append(.out(writeOut(w, code: response.status, size: 0, url: url, ip: ip))) }
      return .streams(0, chunks)
    }
    // The meter's first line, then the page, then the meter redrawn complete.
    if meter { chunks.append(.err(meterLine(total: 0, received: 0, spentMS: 0))) }
    let page = (o.include ? head : "") + response.body
    var file = o.output
    if o.remoteName {
      let last = ClusterNetwork.parseURL(url).path.split(separator: "?").first?.split(separator: "/").last
      guard let last, !ClusterNetwork.parseURL(url).path.hasSuffix("/") else {
        if meter { chunks.append(.err("\n")) }
        chunks.append(.err("curl: (23) Failed writing received data to disk/application\n"))
        return .streams(23, chunks)
      }
      file = String(last)
    }
    if let file, file != "-" {
      host.writeFile(file, page, append: false)
    } else {
      chunks.append(.out(page))
    }
    if meter { chunks.append(.err(meterLine(total: size, received: size, spentMS: 0) + "\n")) }
    if let w = o.writeOut { chunks.append(.out(writeOut(w, code: response.status, size: size, url: url, ip: ip))) }
    return .streams(0, chunks)
  }

  // MARK: - The progress meter

  static let meterHeader =
    "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
    + "                                 Dload  Upload   Total   Spent    Left  Speed\n"

  /// One line of the meter (curl's `progress_meter`), without the `\r` that redraws it in place.
  /// Simulation: a transfer inside the cluster takes 1 ms, so the speed is the size × 1000 per second.
  static func meterLine(total: Int, received: Int, spentMS: Int) -> String {
    let percent = total > 0 ? received * 100 / total : 0
    let speed = received * 1000
    return pad(percent, 3) + " " + max5(total) + "  " + pad(percent, 3) + " " + max5(received) + "  "
      + pad(0, 3) + " " + max5(0) + "  " + max5(speed) + "  " + max5(0) + " " + time(0) + " "
      + time(spentMS / 1000) + " " + time(0) + " " + max5(speed)
  }

  /// curl's `max5data`: a size in five columns (`  615`, ` 600k`, `12.3M`).
  static func max5(_ bytes: Int) -> String {
    let k = 1024
    let m = k * k
    if bytes < 100_000 { return pad(bytes, 5) }
    if bytes < 10_000 * k { return pad(bytes / k, 4) + "k" }
    if bytes < 100 * m { return pad(bytes / m, 2) + "." + String((bytes % m) / (m / 10)) + "M" }
    if bytes < 10_000 * m { return pad(bytes / m, 4) + "M" }
    return pad(bytes / (m * k), 4) + "G"
  }

  /// curl's `time2str`: `--:--:--` for nothing yet, else ` 0:02:10`.
  static func time(_ seconds: Int) -> String {
    guard seconds > 0 else { return "--:--:--" }
    let h = seconds / 3600
    let m = (seconds % 3600) / 60
    let s = seconds % 60
    return pad(h, 2) + ":" + (m < 10 ? "0" : "") + String(m) + ":" + (s < 10 ? "0" : "") + String(s)
  }

  private static func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: " ", count: max(0, width - s.count)) + s
  }

  /// `-w`: `%{http_code}`, `%{size_download}`, `%{remote_ip}`, `%{url_effective}`, `\n`.
  static func writeOut(_ format: String, code: Int, size: Int, url: String, ip: String) -> String {
    var s = format
    let code3 = code == 0 ? "000" : String(code)
    for (k, v) in [
      ("%{http_code}", code3), ("%{response_code}", code3), ("%{size_download}", String(size)),
      ("%{remote_ip}", ip), ("%{url_effective}", url), ("\\n", "\n"), ("\\t", "\t"),
    ] {
      s = s.replacing(k, with: v)
    }
    return s
  }
}

extension NetworkFailure {
  /// curl's exit status for this failure.
  var curlExitCode: Int32 {
    switch self {
    case .unresolved: return 6
    case .refused, .noRoute: return 7
    case .timedOut: return 28
    case .emptyReply: return 52
    }
  }

  /// How long the client waited before it gave up.
  var elapsedMS: Int {
    switch self {
    case .unresolved, .emptyReply: return 0
    case .refused(_, _, _, let ms), .noRoute(_, _, _, let ms), .timedOut(_, _, _, let ms): return ms
    }
  }
}
