// FaultCommands: breaking things on purpose — a node's kubelet stops or loses its network, a
// container's process dies, a control-plane component restarts.
import KubeSim

struct NodeCommand: REPLCommand {
  let name = "node"
  let group = CommandGroup.faults
  let summary = "Stop, start, restart a node's kubelet, or cut it off from the apiserver"
  let usage = """
    Usage: node stop|start|restart NAME        the kubelet stops (containers keep running), starts, restarts
           node disconnect|reconnect NAME      the node can no longer reach the apiserver (and back)

    After `node stop`, the node's lease is no longer renewed: 50 s later (node-monitor-grace-period)
    the node lifecycle controller marks it Unknown and taints it unreachable; 300 s after that its
    pods' tolerations run out and they are evicted and replaced elsewhere.

    Examples:
      node stop node-2
      run until node/node-2 unknown
      node start node-2
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    guard args.count == 2 else {
      out.error("error: use node stop|start|restart|disconnect|reconnect NAME")
      return false
    }
    let (verb, nodeName) = (args[0], args[1])
    guard let node = session.cluster.node(nodeName) else {
      let names = session.cluster.nodes.map(\.name).joined(separator: ", ")
      out.error("error: no node \"\(nodeName)\" (nodes: \(names))")
      return false
    }
    switch verb {
    case "stop":
      guard node.kubelet.running else {
        out.line("kubelet on \(nodeName) is already stopped")
        return true
      }
      session.cluster.stopKubelet(nodeName)
      out.line("kubelet on \(nodeName) stopped (its containers keep running)")
    case "start":
      guard !node.kubelet.running else {
        out.line("kubelet on \(nodeName) is already running")
        return true
      }
      session.cluster.startKubelet(nodeName)
      out.line("kubelet on \(nodeName) started")
    case "restart":
      session.cluster.stopKubelet(nodeName)
      session.cluster.startKubelet(nodeName)
      out.line("kubelet on \(nodeName) restarted")
    case "disconnect":
      session.cluster.setDisconnected(nodeName, true)
      out.line("\(nodeName) is cut off from the apiserver (kubelet and kube-proxy cannot reach it)")
    case "reconnect":
      session.cluster.setDisconnected(nodeName, false)
      out.line("\(nodeName) can reach the apiserver again")
    default:
      out.error("error: unknown node action \"\(verb)\": use stop, start, restart, disconnect or reconnect")
      return false
    }
    return true
  }

  func complete(_ args: [String], session: Session) -> [String] {
    let word = args.last ?? ""
    if args.count <= 1 {
      return ["stop", "start", "restart", "disconnect", "reconnect"].filter { $0.hasPrefix(word) }
    }
    return session.cluster.nodes.map(\.name).filter { $0.hasPrefix(word) }
  }
}

struct KillCommand: REPLCommand {
  let name = "kill"
  let group = CommandGroup.faults
  let summary = "Kill a container's process (SIGKILL), as if it crashed"
  let usage = """
    Usage: kill pod/NAME [-c CONTAINER] [-n NAMESPACE]

    The container's process dies with exit code 137. The kubelet notices at its next sync and,
    following the pod's restartPolicy, restarts it (RESTARTS goes up; repeated deaths lead to
    CrashLoopBackOff).

    Example:
      kill pod/web-7d4b9c6c5-x2x9k
    """
  let flags = ["-c", "--container", "-n", "--namespace"]

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    var namespace = session.kubectlRunner.contextNamespace
    var container = ""
    var target: String? = nil
    var i = 0
    while i < args.count {
      switch args[i] {
      case "-c", "--container":
        if i + 1 < args.count { container = args[i + 1] }
        i += 2
      case "-n", "--namespace":
        if i + 1 < args.count { namespace = args[i + 1] }
        i += 2
      default:
        target = args[i]
        i += 1
      }
    }
    guard let target else {
      out.error("error: kill needs a pod: kill pod/NAME [-c CONTAINER]")
      return false
    }
    let podName =
      target.hasPrefix("pod/")
      ? String(target.dropFirst(4)) : target.hasPrefix("po/") ? String(target.dropFirst(3)) : target
    guard let pod = session.cluster.peek(Pod.resource, namespace: namespace, name: podName) as? Pod else {
      out.error("Error from server (NotFound): pods \"\(podName)\" not found")
      return false
    }
    guard let node = session.cluster.node(pod.spec.nodeName) else {
      out.error("error: pod/\(podName) is not running on a node yet")
      return false
    }
    if !container.isEmpty && !pod.spec.allContainers.contains(where: { $0.name == container }) {
      out.error("error: container \(container) is not valid for pod \(podName)")
      return false
    }
    guard let c = node.runtime.runningContainer(namespace: namespace, pod: podName, container: container),
      node.runtime.killProcess(c.id)
    else {
      out.error("error: pod/\(podName) has no running container\(container.isEmpty ? "" : " \(container)") to kill")
      return false
    }
    out.line(
      "killed the process of container \(c.config.metadata.name) in pod/\(podName) on \(node.name) (exit code 137)")
    return true
  }

  func complete(_ args: [String], session: Session) -> [String] {
    let word = args.last ?? ""
    return session.cluster.peekAll(Pod.resource, namespace: session.kubectlRunner.contextNamespace)
      .map { "pod/\($0.metadata.name)" }.sorted().filter { $0.hasPrefix(word) }
  }
}

struct RestartCommand: REPLCommand {
  let name = "restart"
  let group = CommandGroup.faults
  let summary = "Restart the scheduler or the controller-manager (they rebuild from list + watch)"
  let usage = """
    Usage: restart scheduler|controller-manager

    The process starts over with empty caches: it LISTs what it needs and WATCHes from there, and
    carries on where the cluster's state says it should — nothing is lost, because the state lives
    in etcd behind the apiserver.

    Example:
      restart controller-manager
      step 6
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    switch args.first {
    case "scheduler", "kube-scheduler":
      session.cluster.restartScheduler()
      out.line("kube-scheduler restarted: it lists pods and nodes in the next store phase")
    case "controller-manager", "kube-controller-manager", "cm":
      session.cluster.restartControllerManager()
      out.line("kube-controller-manager restarted: its controllers list and watch again in the next store phase")
    default:
      out.error("error: restart scheduler or restart controller-manager")
      return false
    }
    return true
  }

  func complete(_ args: [String], session: Session) -> [String] {
    ["scheduler", "controller-manager"].filter { $0.hasPrefix(args.last ?? "") }
  }
}
