// `kubectl describe` layouts: describe.go's fields, tabwriter blocks and the Events table.
import KubeSim
import Testing

@testable import Kubectl

@Suite struct DescribeTests {
  @Test func podWithEvents() {
    let lab = Scene.podZoo()
    let pod = lab.get(Pod.self, "web-1")!
    var e = Event(
      metadata: ObjectMeta(name: "web-1.1", namespace: "default"), involvedObject: ObjectReference.to(pod),
      reason: "Scheduled", message: "Successfully assigned default/web-1 to node-1",
      source: EventSource(component: "default-scheduler"))
    e.firstTimestamp = pod.metadata.creationTimestamp
    e.lastTimestamp = pod.metadata.creationTimestamp
    e.count = 1
    lab.create(e)
    let volume = pod.spec.volumes[0].name
    expectText(
      lab.run("describe pod web-1").stdout,
      """
      Name:             web-1
      Namespace:        default
      Priority:         0
      Service Account:  default
      Node:             node-1/192.168.56.11
      Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
      Labels:           app=web
      Annotations:      <none>
      Status:           Running
      IP:               10.244.1.5
      IPs:
        IP:  10.244.1.5
      Containers:
        nginx:
          Container ID:   containerd://c0ffee
          Image:          nginx:1.14.2
          Image ID:       docker.io/library/nginx@sha256:abc
          Port:           80/TCP
          Host Port:      0/TCP
          State:          Running
            Started:      Thu, 01 Jan 2026 00:00:00 +0000
          Ready:          True
          Restart Count:  0
          Environment:    <none>
          Mounts:
            /var/run/secrets/kubernetes.io/serviceaccount from \(volume) (ro)
      Conditions:
        Type              Status
        PodScheduled      True 
        Initialized       True 
        Ready             True 
        ContainersReady   True 
      Volumes:
        \(volume):
          Type:                    Projected (a volume that contains injected data from multiple sources)
          TokenExpirationSeconds:  3607
          ConfigMapName:           kube-root-ca.crt
          ConfigMapOptional:       <nil>
          DownwardAPI:             true
      QoS Class:                   BestEffort
      Node-Selectors:              <none>
      Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                   node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
      Events:
        Type    Reason     Age   From               Message
        ----    ------     ----  ----               -------
        Normal  Scheduled  35s   default-scheduler  Successfully assigned default/web-1 to node-1

      """)
  }

  @Test func crashingContainerShowsItsLastState() {
    let lab = Scene.podZoo()
    let text = lab.run("describe pod crash").stdout
    #expect(
      text.contains(
        """
            State:          Waiting
              Reason:       CrashLoopBackOff
            Last State:     Terminated
              Reason:       Error
              Exit Code:    1
              Started:      Thu, 01 Jan 2026 00:00:00 +0000
              Finished:     Thu, 01 Jan 2026 00:00:10 +0000
            Ready:          False
            Restart Count:  3
        """))
  }

  @Test func node() {
    let lab = Scene.podZoo()
    expectText(
      lab.run("describe node node-1").stdout,
      """
      Name:               node-1
      Roles:              <none>
      Labels:             beta.kubernetes.io/arch=amd64
                          beta.kubernetes.io/os=linux
                          kubernetes.io/arch=amd64
                          kubernetes.io/hostname=node-1
                          kubernetes.io/os=linux
      Annotations:        <none>
      CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000
      Taints:             <none>
      Unschedulable:      false
      Lease:              Failed to get lease: leases.coordination.k8s.io "node-1" not found
      Conditions:
        Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
        ----             ------  -----------------                 ------------------                ------                       -------
        MemoryPressure   False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
        Ready            True    Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletReady                 kubelet is posting ready status
      Addresses:
        InternalIP:  192.168.56.11
        Hostname:    node-1
      Capacity:
        cpu:                4
        ephemeral-storage:  20Gi
        memory:             8Gi
        pods:               110
      Allocatable:
        cpu:                4
        ephemeral-storage:  20Gi
        memory:             8Gi
        pods:               110
      System Info:
        Machine ID:                 m-node-1
        System UUID:                u-node-1
        Boot ID:                    b-node-1
        Kernel Version:             6.1.0-18-amd64
        OS Image:                   Debian GNU/Linux 12 (bookworm)
        Operating System:           linux
        Architecture:               amd64
        Container Runtime Version:  containerd://1.7.24
        Kubelet Version:            v1.32.0
        Kube-Proxy Version:         
      PodCIDR:                      10.244.1.0/24
      PodCIDRs:                     10.244.1.0/24
      Non-terminated Pods:          (5 in total)
        Namespace                   Name        CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
        ---------                   ----        ------------  ----------  ---------------  -------------  ---
        default                     crash       0 (0%)        0 (0%)      0 (0%)           0 (0%)         5s
        default                     creating    0 (0%)        0 (0%)      0 (0%)           0 (0%)         5s
        default                     done        0 (0%)        0 (0%)      0 (0%)           0 (0%)         5s
        default                     term        0 (0%)        0 (0%)      0 (0%)           0 (0%)         5s
        default                     web-1       0 (0%)        0 (0%)      0 (0%)           0 (0%)         35s
      Allocated resources:
        (Total limits may be over 100 percent, i.e., overcommitted.)
        Resource           Requests  Limits
        --------           --------  ------
        cpu                0 (0%)    0 (0%)
        memory             0 (0%)    0 (0%)
        ephemeral-storage  0 (0%)    0 (0%)
      Events:              <none>

      """)
  }

  @Test func deploymentWithItsReplicaSets() {
    let (lab, _) = Scene.rolledOut()
    expectText(
      lab.run("describe deployment nginx-deployment").stdout,
      """
      Name:                   nginx-deployment
      Namespace:              default
      CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000
      Labels:                 app=nginx
      Annotations:            deployment.kubernetes.io/revision: 2
      Selector:               app=nginx
      Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
      StrategyType:           RollingUpdate
      MinReadySeconds:        0
      RollingUpdateStrategy:  25% max unavailable, 25% max surge
      Pod Template:
        Labels:  app=nginx
        Containers:
         nginx:
          Image:         nginx:1.16.1
          Port:          80/TCP
          Host Port:     0/TCP
          Environment:   <none>
          Mounts:        <none>
        Volumes:         <none>
        Node-Selectors:  <none>
        Tolerations:     <none>
      Conditions:
        Type           Status  Reason
        ----           ------  ------
        Available      True    MinimumReplicasAvailable
        Progressing    True    NewReplicaSetAvailable
      OldReplicaSets:  nginx-deployment-66b6c48dd5 (0/0 replicas created)
      NewReplicaSet:   nginx-deployment-559d658b74 (3/3 replicas created)
      Events:          <none>

      """)
  }

  @Test func namePrefixFindsObjectsAndUnknownNamesAreNotFound() {
    let lab = Scene.podZoo()
    let r = lab.run("describe pods cr")
    #expect(r.stdout.hasPrefix("Name:             crash\n"))
    #expect(r.stdout.contains("\n\n\nName:             creating\n"))
    let missing = lab.run("describe pod nope")
    #expect(missing.stderr == "Error from server (NotFound): pods \"nope\" not found\n")
    #expect(missing.exitCode == 1)
  }

  @Test func serviceAndNamespace() {
    let lab = Lab()
    lab.run("create service clusterip web --tcp=80:8080")
    expectText(
      lab.run("describe svc web").stdout,
      """
      Name:                     web
      Namespace:                default
      Labels:                   app=web
      Annotations:              <none>
      Selector:                 app=web
      Type:                     ClusterIP
      IP Family Policy:         SingleStack
      IP Families:              IPv4
      IP:                       10.101.3.101
      IPs:                      10.101.3.101
      Port:                     80-8080  80/TCP
      TargetPort:               8080/TCP
      Endpoints:                <none>
      Session Affinity:         None
      Internal Traffic Policy:  Cluster
      Events:                   <none>

      """)
    expectText(
      lab.run("describe ns default").stdout,
      """
      Name:         default
      Labels:       kubernetes.io/metadata.name=default
      Annotations:  <none>
      Status:       Active

      No resource quota.

      No LimitRange resource.

      """)
  }
}
