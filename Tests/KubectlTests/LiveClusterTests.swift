// The printers against the real cluster: what `kubectl get` and `kubectl describe` show for the
// pods, nodes and deployments the real components produce (kubelet, scheduler, controllers), and
// the commands that need a real kubelet (logs, exec, top). Seed 1: every run prints the same.
import KubeSim
import Testing

@testable import Kubectl

@Suite struct LiveClusterTests {
  /// A pod for each STATUS `printPod` tells apart, as the kubelet and scheduler leave them.
  @Test func podStatusesTheRealKubeletProduces() {
    let lab = LiveLab()
    for (line, stdin) in LiveScenes.zoo { #expect(lab.run(line, stdin: stdin).exitCode == 0, "\(line)") }
    expectText(
      lab.run("get pods -o wide").stdout,
      """
      NAME       READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES
      badimg     0/1     Pending   0          0s    <none>   <none>   <none>           <none>
      crash      0/1     Pending   0          0s    <none>   <none>   <none>           <none>
      done       0/1     Pending   0          0s    <none>   <none>   <none>           <none>
      fail       0/1     Pending   0          0s    <none>   <none>   <none>           <none>
      huge       0/1     Pending   0          0s    <none>   <none>   <none>           <none>
      init       0/1     Pending   0          0s    <none>   <none>   <none>           <none>
      initfail   0/1     Pending   0          0s    <none>   <none>   <none>           <none>
      ok         0/1     Pending   0          0s    <none>   <none>   <none>           <none>
      oom        0/1     Pending   0          0s    <none>   <none>   <none>           <none>

      """)
    lab.wait(seconds: 4)
    // Bound and pulling images; `init` waits for its init container; `huge` fits no node.
    expectText(
      lab.run("get pods -o wide").stdout,
      """
      NAME       READY   STATUS              RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      badimg     0/1     ContainerCreating   0          4s    10.244.2.4   node-2   <none>           <none>
      crash      0/1     ContainerCreating   0          4s    10.244.2.5   node-2   <none>           <none>
      done       0/1     ContainerCreating   0          4s    10.244.2.6   node-2   <none>           <none>
      fail       0/1     ContainerCreating   0          4s    10.244.1.4   node-1   <none>           <none>
      huge       0/1     Pending             0          4s    <none>       <none>   <none>           <none>
      init       0/1     Init:0/1            0          4s    10.244.1.5   node-1   <none>           <none>
      initfail   0/1     Init:0/1            0          4s    10.244.2.3   node-2   <none>           <none>
      ok         0/1     ContainerCreating   0          4s    10.244.1.6   node-1   <none>           <none>
      oom        0/1     ContainerCreating   0          4s    10.244.1.3   node-1   <none>           <none>

      """)
    lab.wait(seconds: 8)
    expectText(
      lab.run("get pods").stdout,
      """
      NAME       READY   STATUS                  RESTARTS     AGE
      badimg     0/1     ImagePullBackOff        0            12s
      crash      0/1     CrashLoopBackOff        1 (2s ago)   12s
      done       0/1     Completed               0            12s
      fail       0/1     Error                   0            12s
      huge       0/1     Pending                 0            12s
      init       0/1     Init:0/1                0            12s
      initfail   0/1     Init:CrashLoopBackOff   1 (3s ago)   12s
      ok         1/1     Running                 0            12s
      oom        0/1     OOMKilled               0            12s

      """)
    // The image pull back-off alternates with the pull error each time the kubelet retries.
    let retried = lab.wait(atMost: 20) { lab.status("badimg") == "ErrImagePull" }
    #expect(retried != nil)
    #expect(lab.run("get pod badimg --no-headers").stdout.hasPrefix("badimg   0/1   ErrImagePull   0     "))
    lab.wait(seconds: 45 - 12 - (retried ?? 0))
    #expect(lab.run("delete pod ok --wait=false").stdout == "pod \"ok\" deleted\n")
    lab.wait(seconds: 1)
    // Deleted but not yet stopped by its kubelet (30 s grace period): READY stays 1/1.
    expectText(
      lab.run("get pods").stdout,
      """
      NAME       READY   STATUS                  RESTARTS     AGE
      badimg     0/1     ImagePullBackOff        0            46s
      crash      0/1     CrashLoopBackOff        3 (4s ago)   46s
      done       0/1     Completed               0            46s
      fail       0/1     Error                   0            46s
      huge       0/1     Pending                 0            46s
      init       0/1     Init:0/1                0            46s
      initfail   0/1     Init:CrashLoopBackOff   3 (5s ago)   46s
      ok         1/1     Terminating             0            46s
      oom        0/1     OOMKilled               0            46s

      """)
    #expect(lab.wait(atMost: 40) { lab.get(Pod.self, "ok") == nil } != nil)
  }

  @Test func describeCrashLoopingOOMKilledAndUnschedulablePods() {
    let lab = LiveLab()
    for (line, stdin) in LiveScenes.zoo { lab.run(line, stdin: stdin) }
    lab.wait(seconds: 12)
    expectText(
      lab.run("describe pod crash").stdout,
      """
      Name:             crash
      Namespace:        default
      Priority:         0
      Service Account:  default
      Node:             node-2/192.168.56.12
      Start Time:       Thu, 01 Jan 2026 00:00:28 +0000
      Labels:           run=crash
      Annotations:      <none>
      Status:           Running
      IP:               10.244.2.5
      IPs:
        IP:  10.244.2.5
      Containers:
        crash:
          Container ID:  containerd://d09580332a7b2969e60e0304326f7364b18a4929394c70c8dd493cead9367f6f
          Image:         busybox
          Image ID:      docker.io/library/busybox@sha256:657ae346cb85ae63d7024430889b0f5ee27c485dbc1a87aa462ce52e976a73b5
          Port:          <none>
          Host Port:     <none>
          Args:
            sh
            -c
            exit 1
          State:          Waiting
            Reason:       CrashLoopBackOff
          Last State:     Terminated
            Reason:       Error
            Exit Code:    1
            Started:      Thu, 01 Jan 2026 00:00:35 +0000
            Finished:     Thu, 01 Jan 2026 00:00:35 +0000
          Ready:          False
          Restart Count:  1
          Environment:    <none>
          Mounts:
            /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-zjhw5 (ro)
      Conditions:
        Type                        Status
        PodReadyToStartContainers   True 
        Initialized                 True 
        Ready                       False 
        ContainersReady             False 
        PodScheduled                True 
      Volumes:
        kube-api-access-zjhw5:
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
        Type     Reason     Age              From               Message
        ----     ------     ----             ----               -------
        Normal   Scheduled  9s               default-scheduler  Successfully assigned default/crash to node-2
        Normal   Pulled     5s               kubelet            Successfully pulled image "busybox" in 500ms (3.5s including waiting). Image size: 2166802 bytes.
        Normal   Pulling    4s (x2 over 9s)  kubelet            Pulling image "busybox"
        Normal   Created    2s (x2 over 5s)  kubelet            Created container: crash
        Normal   Started    2s (x2 over 5s)  kubelet            Started container crash
        Normal   Pulled     2s               kubelet            Successfully pulled image "busybox" in 500ms (1.5s including waiting). Image size: 2166802 bytes.
        Warning  BackOff    1s               kubelet            Back-off restarting failed container crash in pod crash_default(8d4be65d-21a6-4692-b529-c647dd6d7029)

      """)
    expectText(
      lab.run("describe pod oom").stdout,
      """
      Name:             oom
      Namespace:        default
      Priority:         0
      Service Account:  default
      Node:             node-1/192.168.56.11
      Start Time:       Thu, 01 Jan 2026 00:00:28 +0000
      Labels:           run=oom
      Annotations:      <none>
      Status:           Failed
      IP:               10.244.1.3
      IPs:
        IP:  10.244.1.3
      Containers:
        oom:
          Container ID:  containerd://7dfe6d1fad4286cc6395672292c7b812d5e872dbd97d95aa6fbbb929caa73d78
          Image:         polinux/stress
          Image ID:      docker.io/polinux/stress@sha256:47d7da670719c836dada55f43093dcf736f76d11804ec176f1e3de86e28851f6
          Port:          <none>
          Host Port:     <none>
          Command:
            stress
          Args:
            --vm
            1
            --vm-bytes
            250M
          State:          Terminated
            Reason:       OOMKilled
            Exit Code:    137
            Started:      Thu, 01 Jan 2026 00:00:30 +0000
            Finished:     Thu, 01 Jan 2026 00:00:31 +0000
          Ready:          False
          Restart Count:  0
          Limits:
            memory:  100Mi
          Requests:
            memory:     100Mi
          Environment:  <none>
          Mounts:
            /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-wbbms (ro)
      Conditions:
        Type                        Status
        PodReadyToStartContainers   False 
        Initialized                 True 
        Ready                       False 
        ContainersReady             False 
        PodScheduled                True 
      Volumes:
        kube-api-access-wbbms:
          Type:                    Projected (a volume that contains injected data from multiple sources)
          TokenExpirationSeconds:  3607
          ConfigMapName:           kube-root-ca.crt
          ConfigMapOptional:       <nil>
          DownwardAPI:             true
      QoS Class:                   Burstable
      Node-Selectors:              <none>
      Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                   node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
      Events:
        Type    Reason     Age   From               Message
        ----    ------     ----  ----               -------
        Normal  Scheduled  9s    default-scheduler  Successfully assigned default/oom to node-1
        Normal  Pulling    9s    kubelet            Pulling image "polinux/stress"
        Normal  Pulled     7s    kubelet            Successfully pulled image "polinux/stress" in 1.08s (1.08s including waiting). Image size: 4041495 bytes.
        Normal  Created    7s    kubelet            Created container: oom
        Normal  Started    7s    kubelet            Started container oom

      """)
    expectText(
      lab.run("describe pod huge").stdout,
      """
      Name:             huge
      Namespace:        default
      Priority:         0
      Service Account:  default
      Node:             <none>
      Labels:           run=huge
      Annotations:      <none>
      Status:           Pending
      IP:               
      IPs:              <none>
      Containers:
        huge:
          Image:      nginx
          Port:       <none>
          Host Port:  <none>
          Requests:
            cpu:        64
          Environment:  <none>
          Mounts:
            /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-gsz44 (ro)
      Conditions:
        Type           Status
        PodScheduled   False 
      Volumes:
        kube-api-access-gsz44:
          Type:                    Projected (a volume that contains injected data from multiple sources)
          TokenExpirationSeconds:  3607
          ConfigMapName:           kube-root-ca.crt
          ConfigMapOptional:       <nil>
          DownwardAPI:             true
      QoS Class:                   Burstable
      Node-Selectors:              <none>
      Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                   node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
      Events:
        Type     Reason            Age               From               Message
        ----     ------            ----              ----               -------
        Warning  FailedScheduling  2s (x3 over 10s)  default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.

      """)
  }

  /// A running pod of a deployment: the real kubelet's conditions and container state, events
  /// from `default-scheduler` and `kubelet`.
  @Test func describeARunningPodOfADeployment() {
    let lab = LiveLab()
    lab.run("apply -f -", stdin: Scene.nginxDeployment)
    #expect(lab.wait(atMost: 60) { lab.get(Deployment.self, "nginx-deployment")?.status.availableReplicas == 3 } != nil)
    lab.wait(seconds: 5)
    expectText(
      lab.run("get deploy,rs,pods -o wide").stdout,
      """
      NAME                               READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES         SELECTOR
      deployment.apps/nginx-deployment   3/3     3            3           16s   nginx        nginx:1.14.2   app=nginx

      NAME                                         DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES         SELECTOR
      replicaset.apps/nginx-deployment-cf4cd4db7   3         3         3       14s   nginx        nginx:1.14.2   app=nginx,pod-template-hash=cf4cd4db7

      NAME                                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      pod/nginx-deployment-cf4cd4db7-2lfzj   1/1     Running   0          13s   10.244.2.3   node-2   <none>           <none>
      pod/nginx-deployment-cf4cd4db7-4qrw9   1/1     Running   0          13s   10.244.1.3   node-1   <none>           <none>
      pod/nginx-deployment-cf4cd4db7-rctcn   1/1     Running   0          13s   10.244.1.4   node-1   <none>           <none>

      """)
    let pod = lab.pods("nginx-deployment")[0].metadata.name
    expectText(
      lab.run("describe pod \(pod)").stdout,
      """
      Name:             nginx-deployment-cf4cd4db7-2lfzj
      Namespace:        default
      Priority:         0
      Service Account:  default
      Node:             node-2/192.168.56.12
      Start Time:       Thu, 01 Jan 2026 00:00:30 +0000
      Labels:           app=nginx
                        pod-template-hash=cf4cd4db7
      Annotations:      <none>
      Status:           Running
      IP:               10.244.2.3
      IPs:
        IP:           10.244.2.3
      Controlled By:  ReplicaSet/nginx-deployment-cf4cd4db7
      Containers:
        nginx:
          Container ID:   containerd://0a769f86ac8e09dbad28525990890c2a5cb0c0763bcc0b544eaa19f5ce2e448b
          Image:          nginx:1.14.2
          Image ID:       docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d
          Port:           80/TCP
          Host Port:      0/TCP
          State:          Running
            Started:      Thu, 01 Jan 2026 00:00:32 +0000
          Ready:          True
          Restart Count:  0
          Environment:    <none>
          Mounts:
            /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5h4fk (ro)
      Conditions:
        Type                        Status
        PodReadyToStartContainers   True 
        Initialized                 True 
        Ready                       True 
        ContainersReady             True 
        PodScheduled                True 
      Volumes:
        kube-api-access-5h4fk:
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
        Normal  Scheduled  11s   default-scheduler  Successfully assigned default/nginx-deployment-cf4cd4db7-2lfzj to node-2
        Normal  Pulling    11s   kubelet            Pulling image "nginx:1.14.2"
        Normal  Pulled     9s    kubelet            Successfully pulled image "nginx:1.14.2" in 1.888s (1.888s including waiting). Image size: 44412346 bytes.
        Normal  Created    9s    kubelet            Created container: nginx
        Normal  Started    9s    kubelet            Started container nginx

      """)
  }

  /// A worker with its kube-system pods (kube-proxy, CoreDNS), the kubelet's lease, conditions,
  /// capacity and events from `kubelet` and `node-controller`.
  @Test func describeNodeOfTheRealCluster() {
    let lab = LiveLab()
    lab.run("apply -f -", stdin: Scene.nginxDeployment)
    lab.wait(atMost: 60) { lab.get(Deployment.self, "nginx-deployment")?.status.availableReplicas == 3 }
    lab.wait(seconds: 5)
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
      Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock
                          node.alpha.kubernetes.io/ttl: 0
                          volumes.kubernetes.io/controller-managed-attach-detach: true
      CreationTimestamp:  Thu, 01 Jan 2026 00:00:01 +0000
      Taints:             <none>
      Unschedulable:      false
      Lease:
        HolderIdentity:  node-1
        AcquireTime:     <unset>
        RenewTime:       Thu, 01 Jan 2026 00:00:32 +0000
      Conditions:
        Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
        ----             ------  -----------------                 ------------------                ------                       -------
        MemoryPressure   False   Thu, 01 Jan 2026 00:00:41 +0000   Thu, 01 Jan 2026 00:00:01 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
        DiskPressure     False   Thu, 01 Jan 2026 00:00:41 +0000   Thu, 01 Jan 2026 00:00:01 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
        PIDPressure      False   Thu, 01 Jan 2026 00:00:41 +0000   Thu, 01 Jan 2026 00:00:01 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
        Ready            True    Thu, 01 Jan 2026 00:00:41 +0000   Thu, 01 Jan 2026 00:00:01 +0000   KubeletReady                 kubelet is posting ready status
      Addresses:
        InternalIP:  192.168.56.11
        Hostname:    node-1
      Capacity:
        cpu:                4
        ephemeral-storage:  102626232Ki
        hugepages-1Gi:      0
        hugepages-2Mi:      0
        memory:             8Gi
        pods:               110
      Allocatable:
        cpu:                4
        ephemeral-storage:  94580335411
        hugepages-1Gi:      0
        hugepages-2Mi:      0
        memory:             8092Mi
        pods:               110
      System Info:
        Machine ID:                 57587221f0bb7e588ad3e753ed817194
        System UUID:                69761647-e8c5-44bc-86f4-651077cd5776
        Boot ID:                    efb8fc41-d44d-4fa9-8cd5-aab4a8fc6747
        Kernel Version:             6.8.0-51-generic
        OS Image:                   Ubuntu 24.04.1 LTS
        Operating System:           linux
        Architecture:               amd64
        Container Runtime Version:  containerd://1.7.24
        Kubelet Version:            v1.32.0
        Kube-Proxy Version:         
      PodCIDR:                      10.244.1.0/24
      PodCIDRs:                     10.244.1.0/24
      Non-terminated Pods:          (4 in total)
        Namespace                   Name                                CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
        ---------                   ----                                ------------  ----------  ---------------  -------------  ---
        default                     nginx-deployment-cf4cd4db7-4qrw9    0 (0%)        0 (0%)      0 (0%)           0 (0%)         13s
        default                     nginx-deployment-cf4cd4db7-rctcn    0 (0%)        0 (0%)      0 (0%)           0 (0%)         13s
        kube-system                 coredns-578f7fcd5c-jznhz            100m (2%)     0 (0%)      70Mi (0%)        170Mi (2%)     38s
        kube-system                 kube-proxy-cvzxq                    0 (0%)        0 (0%)      0 (0%)           0 (0%)         38s
      Allocated resources:
        (Total limits may be over 100 percent, i.e., overcommitted.)
        Resource           Requests   Limits
        --------           --------   ------
        cpu                100m (2%)  0 (0%)
        memory             70Mi (0%)  170Mi (2%)
        ephemeral-storage  0 (0%)     0 (0%)
        hugepages-1Gi      0 (0%)     0 (0%)
        hugepages-2Mi      0 (0%)     0 (0%)
      Events:
        Type    Reason                   Age   From             Message
        ----    ------                   ----  ----             -------
        Normal  Starting                 40s   kubelet          Starting kubelet.
        Normal  NodeHasSufficientMemory  40s   kubelet          Node node-1 status is now: NodeHasSufficientMemory
        Normal  NodeHasNoDiskPressure    40s   kubelet          Node node-1 status is now: NodeHasNoDiskPressure
        Normal  NodeHasSufficientPID     40s   kubelet          Node node-1 status is now: NodeHasSufficientPID
        Normal  NodeAllocatableEnforced  40s   kubelet          Updated Node Allocatable limit across pods
        Normal  NodeReady                40s   kubelet          Node node-1 status is now: NodeReady
        Normal  RegisteredNode           35s   node-controller  Node node-1 event: Registered Node node-1 in Controller

      """)
  }

  /// The rolling update the deployment controller performs, seen through rollout status, the
  /// ReplicaSets and describe (the old ReplicaSet scaled to 0 stays listed).
  @Test func describeDeploymentAfterARollingUpdate() {
    let lab = LiveLab()
    lab.run("apply -f -", stdin: Scene.nginxDeployment)
    lab.wait(atMost: 60) { lab.get(Deployment.self, "nginx-deployment")?.status.availableReplicas == 3 }
    lab.wait(seconds: 3)
    #expect(
      lab.run("set image deployment/nginx-deployment nginx=nginx:1.16.1").stdout
        == "deployment.apps/nginx-deployment image updated\n")
    var lines: [String] = []
    for _ in 0..<4 {
      let r = lab.run("rollout status deployment/nginx-deployment")
      #expect(r.exitCode == 1)
      lines.append(r.stdout)
      lab.wait(seconds: 2)
    }
    #expect(
      lines == [
        "Waiting for deployment spec update to be observed...\n",
        "Waiting for deployment \"nginx-deployment\" rollout to finish: 0 out of 3 new replicas have been updated...\n",
        "Waiting for deployment \"nginx-deployment\" rollout to finish: 0 out of 3 new replicas have been updated...\n",
        "Waiting for deployment \"nginx-deployment\" rollout to finish: 1 out of 3 new replicas have been updated...\n",
      ])
    let waiting = lab.run("rollout status deployment/nginx-deployment --watch=false")
    #expect(waiting.exitCode == 0)
    #expect(waiting.stdout.hasPrefix("Waiting for deployment \"nginx-deployment\" rollout to finish: "))
    let done = lab.wait(atMost: 120) {
      lab.run("rollout status deployment/nginx-deployment").exitCode == 0
    }
    #expect(done != nil)
    lab.wait(seconds: 1)
    #expect(
      lab.run("rollout status deployment/nginx-deployment").stdout
        == "deployment \"nginx-deployment\" successfully rolled out\n")
    expectText(
      lab.run("get rs -o wide").stdout,
      """
      NAME                         DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES         SELECTOR
      nginx-deployment-cf4cd4db7   0         0         0       44s   nginx        nginx:1.14.2   app=nginx,pod-template-hash=cf4cd4db7
      nginx-deployment-cff86b44d   3         3         3       30s   nginx        nginx:1.16.1   app=nginx,pod-template-hash=cff86b44d

      """)
    expectText(
      lab.run("rollout history deployment/nginx-deployment").stdout,
      """
      deployment.apps/nginx-deployment 
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>


      """)
    expectText(
      lab.run("describe deployment nginx-deployment").stdout,
      """
      Name:                   nginx-deployment
      Namespace:              default
      CreationTimestamp:      Thu, 01 Jan 2026 00:00:25 +0000
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
      OldReplicaSets:  nginx-deployment-cf4cd4db7 (0/0 replicas created)
      NewReplicaSet:   nginx-deployment-cff86b44d (3/3 replicas created)
      Events:
        Type    Reason             Age   From                   Message
        ----    ------             ----  ----                   -------
        Normal  ScalingReplicaSet  44s   deployment-controller  Scaled up replica set nginx-deployment-cf4cd4db7 from 0 to 3
        Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica set nginx-deployment-cff86b44d from 0 to 1
        Normal  ScalingReplicaSet  21s   deployment-controller  Scaled down replica set nginx-deployment-cf4cd4db7 from 3 to 2
        Normal  ScalingReplicaSet  20s   deployment-controller  Scaled up replica set nginx-deployment-cff86b44d from 1 to 2
        Normal  ScalingReplicaSet  11s   deployment-controller  Scaled down replica set nginx-deployment-cf4cd4db7 from 2 to 1
        Normal  ScalingReplicaSet  10s   deployment-controller  Scaled up replica set nginx-deployment-cff86b44d from 2 to 3
        Normal  ScalingReplicaSet  4s    deployment-controller  Scaled down replica set nginx-deployment-cf4cd4db7 from 1 to 0

      """)
  }

  /// `kubectl get events` does not sort: the apiserver lists events by name (`<object>.<hex time>`),
  /// so each object's events come together, in the order they were first recorded.
  @Test func getEventsListsThemByName() {
    let lab = LiveLab()
    lab.run("apply -f -", stdin: Scene.nginxDeployment)
    lab.wait(atMost: 60) { lab.get(Deployment.self, "nginx-deployment")?.status.availableReplicas == 3 }
    let names = lab.run("get events -o name").stdout.split(separator: "\n").map(String.init)
    #expect(names.count > 20)
    #expect(names == names.sorted())
    let table = lab.run("get events").stdout.split(separator: "\n").map(String.init)
    #expect(
      table[0] == "LAST SEEN   TYPE     REASON                    OBJECT                                  MESSAGE")
    #expect(table.count == names.count + 1)
    // The deployment's event comes after its pods' and ReplicaSet's, though it happened first.
    let objects = table.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true)[3] }
    let deployment = objects.firstIndex(of: "deployment/nginx-deployment")!
    let replicaSet = objects.firstIndex { $0.hasPrefix("replicaset/") }!
    let firstPod = objects.firstIndex { $0.hasPrefix("pod/nginx-deployment") }!
    #expect(firstPod < replicaSet && replicaSet < deployment)
    // --sort-by sorts, by the time each was last seen.
    let sorted = lab.run("get events --sort-by=.lastTimestamp -o jsonpath={.items[*].lastTimestamp}").stdout
    let stamps = sorted.split(separator: " ").map(String.init)
    #expect(stamps.count == names.count && stamps == stamps.sorted())
  }

  /// `kubectl top` reads the kubelets' summaries (metrics-server's source upstream).
  @Test func topShowsTheKubeletsSummaries() {
    let lab = LiveLab()
    lab.run("apply -f -", stdin: Scene.nginxDeployment)
    lab.wait(atMost: 60) { lab.get(Deployment.self, "nginx-deployment")?.status.availableReplicas == 3 }
    lab.wait(seconds: 5)
    expectText(
      lab.run("top nodes").stdout,
      """
      NAME            CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   
      control-plane   152m         7%       1001Mi          25%         
      node-1          29m          0%       512Mi           6%          
      node-2          29m          0%       509Mi           6%          

      """)
    expectText(
      lab.run("top pods -A").stdout,
      """
      NAMESPACE     NAME                                    CPU(cores)   MEMORY(bytes)   
      default       nginx-deployment-cf4cd4db7-2lfzj        0m           2Mi             
      default       nginx-deployment-cf4cd4db7-4qrw9        0m           2Mi             
      default       nginx-deployment-cf4cd4db7-rctcn        0m           2Mi             
      kube-system   coredns-578f7fcd5c-jznhz                3m           13Mi            
      kube-system   coredns-578f7fcd5c-lkgtl                3m           13Mi            
      kube-system   etcd-control-plane                      24m          50Mi            
      kube-system   kube-apiserver-control-plane            47m          250Mi           
      kube-system   kube-controller-manager-control-plane   16m          48Mi            
      kube-system   kube-proxy-cvzxq                        1m           13Mi            
      kube-system   kube-proxy-ggjj8                        1m           13Mi            
      kube-system   kube-proxy-wgsb5                        1m           13Mi            
      kube-system   kube-scheduler-control-plane            4m           20Mi            

      """)
  }

  /// A mirror pod's events are the kubelet's about the static pod: describe finds them by the
  /// static pod's UID (`kubernetes.io/config.mirror`), as PodDescriber does.
  @Test func describeMirrorPodShowsTheKubeletsEvents() {
    let lab = LiveLab()
    let text = lab.run("describe pod -n kube-system etcd-control-plane").stdout
    #expect(text.contains("Controlled By:  Node/control-plane\n"))
    #expect(text.contains("\n  Normal  Created  "))
    #expect(text.contains("kubelet  Created container: etcd\n"))
  }

  /// `--overrides` patches the generated pod (a JSON merge patch by default).
  @Test func runAppliesOverrides() {
    let lab = LiveLab()
    let yaml = lab.run(
      #"run pinned --image=nginx --dry-run=client -o yaml --overrides='{"spec":{"nodeName":"node-1"}}'"#
    ).stdout
    #expect(yaml.contains("\n  nodeName: node-1\n"))
    #expect(yaml.contains("\n  - image: nginx\n    name: pinned\n"))
    let bad = lab.run("run x --image=nginx --overrides={nope}")
    #expect(bad.exitCode == 1)
    #expect(bad.stderr == "error: Invalid JSON Patch\n")
  }
}
