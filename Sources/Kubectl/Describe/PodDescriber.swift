// PodDescriber: `kubectl describe pod` in describe.go's layout (describePod).
import KubeSim

enum PodDescriber {
  static func describe(_ pod: Pod, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(pod.metadata.name)\n")
    w.write(0, "Namespace:\t\(pod.metadata.namespace)\n")
    if let p = pod.spec.priority { w.write(0, "Priority:\t\(p)\n") }
    if !pod.spec.priorityClassName.isEmpty { w.write(0, "Priority Class Name:\t\(pod.spec.priorityClassName)\n") }
    if let rc = pod.spec.runtimeClassName, !rc.isEmpty { w.write(0, "Runtime Class Name:\t\(rc)\n") }
    if !pod.spec.serviceAccountName.isEmpty { w.write(0, "Service Account:\t\(pod.spec.serviceAccountName)\n") }
    if pod.spec.nodeName.isEmpty {
      w.write(0, "Node:\t<none>\n")
    } else {
      w.write(0, "Node:\t\(pod.spec.nodeName)/\(pod.status.hostIP)\n")
    }
    if let start = pod.status.startTime { w.write(0, "Start Time:\t\(start.rfc1123Z)\n") }
    Describer.labels(w, "Labels", pod.metadata.labels)
    Describer.annotations(w, "Annotations", pod.metadata.annotations)
    if let del = pod.metadata.deletionTimestamp, !pod.isTerminal {
      w.write(0, "Status:\tTerminating (lasts \(HumanDuration.since(del, now: ctx.now)))\n")
      w.write(0, "Termination Grace Period:\t\(pod.metadata.deletionGracePeriodSeconds ?? 0)s\n")
    } else {
      w.write(0, "Status:\t\(pod.status.phase)\n")
    }
    if !pod.status.reason.isEmpty { w.write(0, "Reason:\t\(pod.status.reason)\n") }
    if !pod.status.message.isEmpty { w.write(0, "Message:\t\(pod.status.message)\n") }
    w.write(0, "IP:\t\(pod.status.podIP)\n")
    if pod.status.podIPs.isEmpty {
      w.write(0, "IPs:\t<none>\n")
    } else {
      w.write(0, "IPs:\n")
      for ip in pod.status.podIPs { w.write(1, "IP:\t\(ip.ip)\n") }
    }
    Describer.controller(w, pod.metadata)
    if !pod.status.nominatedNodeName.isEmpty { w.write(0, "NominatedNodeName:\t\(pod.status.nominatedNodeName)\n") }
    let resolver: Describer.EnvResolver = { e in
      fieldValue(pod, e.valueFrom?["fieldRef"]?["fieldPath"]?.stringValue ?? "")
    }
    if !pod.spec.initContainers.isEmpty {
      Describer.containers(
        w, "Init Containers", pod.spec.initContainers, pod.status.initContainerStatuses, resolver: resolver, space: "")
    }
    Describer.containers(
      w, "Containers", pod.spec.containers, pod.status.containerStatuses, resolver: resolver, space: "")
    if !pod.spec.readinessGates.isEmpty {
      w.write(0, "Readiness Gates:\n  Type\tStatus\n")
      for g in pod.spec.readinessGates {
        let status = pod.status.conditions.first { $0.type == g.conditionType }?.status ?? "<none>"
        w.write(1, "\(g.conditionType) \t\(status) \n")
      }
    }
    if !pod.status.conditions.isEmpty {
      w.write(0, "Conditions:\n  Type\tStatus\n")
      for c in pod.status.conditions { w.write(1, "\(c.type) \t\(c.status) \n") }
    }
    Describer.volumes(w, pod.spec.volumes, space: "")
    w.write(0, "QoS Class:\t\(pod.status.qosClass.isEmpty ? pod.qosClass : pod.status.qosClass)\n")
    Describer.labels(w, "Node-Selectors", pod.spec.nodeSelector)
    Describer.tolerations(w, "Tolerations", pod.spec.tolerations)
    // PodDescriber searches without the kind, and a mirror pod by its static pod's UID (the kubelet's).
    let uid = pod.metadata.annotations?["kubernetes.io/config.mirror"] ?? pod.metadata.uid
    Describer.events(
      w, ctx.events(kind: "", name: pod.metadata.name, namespace: pod.metadata.namespace, uid: uid), now: ctx.now)
    return w.text
  }

  /// The downward-API value of a `fieldRef` (`spec.nodeName`, `status.podIP`, `metadata.name` …).
  static func fieldValue(_ pod: Pod, _ path: String) -> String {
    switch path {
    case "metadata.name": return pod.metadata.name
    case "metadata.namespace": return pod.metadata.namespace
    case "metadata.uid": return pod.metadata.uid
    case "spec.nodeName": return pod.spec.nodeName
    case "spec.serviceAccountName": return pod.spec.serviceAccountName
    case "status.hostIP": return pod.status.hostIP
    case "status.podIP": return pod.status.podIP
    case "status.podIPs": return pod.status.podIPs.map(\.ip).joined(separator: ",")
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
}
