// ContainerEnvironment: the environment the kubelet gives a container — its declared env (with
// `$(VAR)` references and fieldRef/resourceFieldRef sources) and the Docker-link style service
// variables (`KUBERNETES_SERVICE_HOST` …) of upstream pkg/kubelet/envvars.

enum ContainerEnvironment {
  /// Upstream `envvars.FromServices` for one service: HOST, PORT, named ports, then link variables.
  static func serviceVariables(_ svc: Service) -> [(String, String)] {
    let ip = svc.spec.clusterIP
    guard !ip.isEmpty, ip != ServiceSpec.clusterIPNone, let first = svc.spec.ports.first else { return [] }
    let prefix = envName(svc.metadata.name)
    var out: [(String, String)] = [("\(prefix)_SERVICE_HOST", ip), ("\(prefix)_SERVICE_PORT", String(first.port))]
    for p in svc.spec.ports where !p.name.isEmpty {
      out.append(("\(prefix)_SERVICE_PORT_\(envName(p.name))", String(p.port)))
    }
    for (i, p) in svc.spec.ports.enumerated() {
      let proto = p.protocol.isEmpty ? "TCP" : p.protocol
      let url = "\(proto.lowercased())://\(ip):\(p.port)"
      if i == 0 { out.append(("\(prefix)_PORT", url)) }
      let pp = "\(prefix)_PORT_\(p.port)_\(proto.uppercased())"
      out += [
        (pp, url), ("\(pp)_PROTO", proto.lowercased()), ("\(pp)_PORT", String(p.port)), ("\(pp)_ADDR", ip),
      ]
    }
    return out
  }

  /// `my-svc` → `MY_SVC`.
  static func envName(_ s: String) -> String { s.uppercased().replacingDashes }

  /// Upstream `getServiceEnvVarMap`: the `kubernetes` service of `default` always, and with
  /// `enableServiceLinks` every service of the pod's namespace. Services are taken in name order.
  static func serviceEnvironment(namespace: String, enableServiceLinks: Bool, services: [Service]) -> [(String, String)]
  {
    var chosen: [String: Service] = [:]
    for s in services {
      if s.metadata.namespace == "default" && s.metadata.name == "kubernetes" {
        if chosen[s.metadata.name] == nil { chosen[s.metadata.name] = s }
      } else if s.metadata.namespace == namespace && enableServiceLinks {
        chosen[s.metadata.name] = s
      }
    }
    var out: [(String, String)] = []
    for name in chosen.keys.sorted() { out += serviceVariables(chosen[name]!) }
    return out
  }

  /// Upstream `makeEnvironmentVariables`: the container's env in order (expanding `$(VAR)` against
  /// what came before and the service variables), then the service variables it does not override.
  /// Returns nil and the error text for a missing config map or secret key.
  static func make(
    pod: Pod, container: Container, podIP: String, hostIP: String, serviceEnv: [(String, String)],
    configMaps: [String: ConfigMap], secrets: [String: Secret]
  ) -> Result<[(String, String)], EnvError> {
    var result: [(String, String)] = []
    var known: [String: String] = [:]
    for (k, v) in serviceEnv { known[k] = v }
    func set(_ k: String, _ v: String) {
      if let i = result.firstIndex(where: { $0.0 == k }) { result[i].1 = v } else { result.append((k, v)) }
      known[k] = v
    }
    for from in container.envFrom {
      let prefix = from["prefix"]?.stringValue ?? ""
      if let name = from["configMapRef"]?["name"]?.stringValue {
        guard let cm = configMaps[name] else {
          if from["configMapRef"]?["optional"]?.boolValue == true { continue }
          return .failure(EnvError("configmap \"\(name)\" not found"))
        }
        for k in cm.data.keys.sorted() { set(prefix + k, cm.data[k]!) }
      }
      if let name = from["secretRef"]?["name"]?.stringValue {
        guard let s = secrets[name] else {
          if from["secretRef"]?["optional"]?.boolValue == true { continue }
          return .failure(EnvError("secret \"\(name)\" not found"))
        }
        for k in s.data.keys.sorted() { set(prefix + k, Base64.text(s.data[k]!)) }
      }
    }
    for e in container.env {
      if let source = e.valueFrom {
        if let path = source["fieldRef"]?["fieldPath"]?.stringValue {
          set(e.name, fieldValue(path, pod: pod, podIP: podIP, hostIP: hostIP))
        } else if let res = source["resourceFieldRef"]?["resource"]?.stringValue {
          set(
            e.name,
            resourceValue(res, container: container, divisor: source["resourceFieldRef"]?["divisor"]?.stringValue))
        } else if let ref = source["configMapKeyRef"], let name = ref["name"]?.stringValue,
          let key = ref["key"]?.stringValue
        {
          let optional = ref["optional"]?.boolValue == true
          guard let cm = configMaps[name] else {
            if optional { continue }
            return .failure(EnvError("configmap \"\(name)\" not found"))
          }
          guard let v = cm.data[key] else {
            if optional { continue }
            return .failure(EnvError("couldn't find key \(key) in ConfigMap \(pod.metadata.namespace)/\(name)"))
          }
          set(e.name, v)
        } else if let ref = source["secretKeyRef"], let name = ref["name"]?.stringValue,
          let key = ref["key"]?.stringValue
        {
          let optional = ref["optional"]?.boolValue == true
          guard let s = secrets[name] else {
            if optional { continue }
            return .failure(EnvError("secret \"\(name)\" not found"))
          }
          guard let v = s.data[key] else {
            if optional { continue }
            return .failure(EnvError("couldn't find key \(key) in Secret \(pod.metadata.namespace)/\(name)"))
          }
          set(e.name, Base64.text(v))
        }
      } else {
        set(e.name, expand(e.value, known))
      }
    }
    for (k, v) in serviceEnv where !result.contains(where: { $0.0 == k }) { result.append((k, v)) }
    return .success(result)
  }

  /// Upstream `expansion.Expand`: `$(VAR)` becomes its value when defined, `$$` is a literal `$`.
  static func expand(_ input: String, _ vars: [String: String]) -> String {
    let c = Array(input)
    var out = ""
    var i = 0
    while i < c.count {
      if c[i] == "$" && i + 1 < c.count {
        if c[i + 1] == "$" {
          out.append("$")
          i += 2
          continue
        }
        if c[i + 1] == "(", let close = c[(i + 2)...].firstIndex(of: ")") {
          let name = String(c[(i + 2)..<close])
          if let v = vars[name] { out += v } else { out += "$(\(name))" }
          i = close + 1
          continue
        }
      }
      out.append(c[i])
      i += 1
    }
    return out
  }

  static func fieldValue(_ path: String, pod: Pod, podIP: String, hostIP: String) -> String {
    switch path {
    case "metadata.name": return pod.metadata.name
    case "metadata.namespace": return pod.metadata.namespace
    case "metadata.uid": return pod.metadata.uid
    case "spec.nodeName": return pod.spec.nodeName
    case "spec.serviceAccountName": return pod.spec.serviceAccountName
    case "status.podIP", "status.podIPs": return podIP
    case "status.hostIP", "status.hostIPs": return hostIP
    default:
      if path.hasPrefix("metadata.labels['"), path.hasSuffix("']") {
        return pod.metadata.labels?[String(path.dropFirst(17).dropLast(2))] ?? ""
      }
      if path.hasPrefix("metadata.annotations['"), path.hasSuffix("']") {
        return pod.metadata.annotations?[String(path.dropFirst(22).dropLast(2))] ?? ""
      }
      return ""
    }
  }

  static func resourceValue(_ resource: String, container: Container, divisor: String?) -> String {
    let parts = resource.split(separator: ".")
    guard parts.count == 2 else { return "" }
    let list = parts[0] == "limits" ? container.resources.limits : container.resources.requests
    let name = String(parts[1])
    let d = divisor.flatMap { try? Quantity.parse($0) }
    guard let q = list[name] else { return name == "cpu" ? "1" : "0" }
    if name == "cpu" {
      let div = d.map { $0.milliValue } ?? 1000
      let m = q.milliValue
      return String(div == 0 ? 0 : (m + div - 1) / div)
    }
    let div = d.map { $0.value } ?? 1
    return String(div == 0 ? 0 : (q.value + div - 1) / div)
  }
}

struct EnvError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

extension String {
  fileprivate var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
}

extension Base64 {
  /// A secret value as text.
  static func text(_ encoded: String) -> String { decode(encoded).map { String(decoding: $0, as: UTF8.self) } ?? "" }
}
