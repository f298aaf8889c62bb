import Foundation
import Testing
import Toolbox

/// ELBv2 against moto: the internal gRPC ALB with weighted forwarding between two target groups.
@Suite("ELBv2 against moto")
struct AWSELBv2IntegrationTests {
    @Test func grpcTargetGroupsWeightedListenerAndTargetsRoundTrip() async throws {
        try await withAWSEmulator { endpoint in
            let client = testClient(endpoint: endpoint)
            let ec2 = EC2(client: client)
            let elb = ELBv2(client: client)
            let zones = try await ec2.describeAvailabilityZones()
            let vpc = try await ec2.createVpc(cidrBlock: "10.1.0.0/16")
            let subnetA = try await ec2.createSubnet(
                vpcId: vpc.vpcId, cidrBlock: "10.1.0.0/24", availabilityZone: zones[0].zoneName)
            let subnetB = try await ec2.createSubnet(
                vpcId: vpc.vpcId, cidrBlock: "10.1.1.0/24", availabilityZone: zones[1].zoneName)
            let group = try await ec2.createSecurityGroup(groupName: "alb", description: "alb", vpcId: vpc.vpcId)

            let balancer = try await elb.createLoadBalancer(
                name: "demo-internal", subnets: [subnetA.subnetId, subnetB.subnetId], securityGroups: [group],
                scheme: "internal",
                tags: [.init(key: "project", value: "demo")])
            #expect(balancer.Scheme == "internal" && balancer.DNSName != nil)
            #expect(
                try await elb.describeLoadBalancers(names: ["demo-internal"]).map(\.LoadBalancerArn) == [
                    balancer.LoadBalancerArn
                ])

            let blue = try await elb.createTargetGroup(.grpc(name: "demo-v0-9", port: 50051, vpcId: vpc.vpcId))
            let green = try await elb.createTargetGroup(.grpc(name: "demo-v1-0", port: 50051, vpcId: vpc.vpcId))
            #expect(blue.ProtocolVersion == "GRPC" && blue.Matcher?.GrpcCode == "0")
            #expect(blue.HealthCheckPath == "/grpc.health.v1.Health/Check")
            let attributes = try await elb.modifyTargetGroupAttributes(
                arn: green.TargetGroupArn, attributes: [.deregistrationDelay(seconds: 15)])
            #expect(attributes.contains(.deregistrationDelay(seconds: 15)))
            #expect(
                try await elb.describeTargetGroupAttributes(arn: green.TargetGroupArn).contains(
                    .deregistrationDelay(seconds: 15)))

            // ALB serves gRPC target groups only behind HTTPS, with a certificate (the emulator's contract checks it).
            let tls = try await TestCertificate.make(commonName: "echo_server.demo.local")
            let certificate = try await ACM(client: client).importCertificate(
                certificatePEM: try String(contentsOfFile: tls.certificatePath, encoding: .utf8),
                privateKeyPEM: try String(contentsOfFile: tls.keyPath, encoding: .utf8))
            let listener = try await elb.createListener(
                loadBalancerArn: balancer.LoadBalancerArn, protocol: "HTTPS", port: 443,
                defaultActions: [.weightedForward([(blue.TargetGroupArn, 100), (green.TargetGroupArn, 0)])],
                certificates: [.init(certificateArn: certificate)])
            let shifted = try await elb.modifyListener(
                listenerArn: listener.ListenerArn,
                defaultActions: [.weightedForward([(blue.TargetGroupArn, 50), (green.TargetGroupArn, 50)])])
            #expect(shifted.DefaultActions?.first?.ForwardConfig?.TargetGroups.map(\.Weight) == [50, 50])
            let listeners = try await elb.describeListeners(loadBalancerArn: balancer.LoadBalancerArn)
            let weights = listeners.first?.DefaultActions?.first?.ForwardConfig?.TargetGroups
            #expect(weights?.map(\.TargetGroupArn) == [blue.TargetGroupArn, green.TargetGroupArn])
            #expect(weights?.map(\.Weight) == [50, 50])

            try await elb.registerTargets(
                targetGroupArn: green.TargetGroupArn, targets: [.init(id: "10.1.1.10", port: 50051)])
            let health = try await elb.describeTargetHealth(targetGroupArn: green.TargetGroupArn)
            #expect(health.map(\.Target.Id) == ["10.1.1.10"])
            try await elb.deregisterTargets(
                targetGroupArn: green.TargetGroupArn, targets: [.init(id: "10.1.1.10", port: 50051)])

            try await elb.addTags(resourceArns: [green.TargetGroupArn], tags: [.init(key: "revision", value: "1.0")])
            let tags = try await elb.describeTags(resourceArns: [green.TargetGroupArn])
            #expect(tags.first?.Tags?.contains(.init(key: "revision", value: "1.0")) == true)

            try await elb.deleteListener(arn: listener.ListenerArn)
            try await elb.deleteTargetGroup(arn: blue.TargetGroupArn)
            try await elb.deleteTargetGroup(arn: green.TargetGroupArn)
            try await elb.deleteLoadBalancer(arn: balancer.LoadBalancerArn)
            #expect(try await elb.describeTargetGroups(names: nil).isEmpty)
            let gone = await #expect(throws: AWSError.self) {
                _ = try await elb.describeLoadBalancers(names: ["demo-internal"])
            }
            #expect(gone?.code == "LoadBalancerNotFound")
        }
    }

    /// The emulator answers what AWS would refuse as AWS does: a gRPC target group with a 5 s
    /// interval and no timeout (HTTP's default timeout is 6 s) is a ValidationError naming the
    /// member, and the contract log has exactly that refusal (any other would fail the test).
    @Test func healthCheckTimingThatAWSRefusesIsRefused() async throws {
        try await withAWSEmulator(refusals: ["elbv2 CreateTargetGroup"]) { endpoint in
            let client = testClient(endpoint: endpoint)
            let vpc = try await EC2(client: client).createVpc(cidrBlock: "10.1.0.0/16")
            var input = ELBv2.CreateTargetGroupInput.grpc(name: "demo-1-0", port: 50051, vpcId: vpc.vpcId)
            input.HealthCheckTimeoutSeconds = nil
            let refused = await #expect(throws: AWSError.self) {
                _ = try await ELBv2(client: client).createTargetGroup(input)
            }
            #expect(refused?.code == "ValidationError")
            #expect(refused?.message.contains("Health check interval must be greater than the timeout") == true)
            #expect(refused?.message.contains("HealthCheckIntervalSeconds") == true, "\(String(describing: refused))")
            #expect(try await ELBv2(client: client).describeTargetGroups(names: nil).isEmpty, "nothing was created")
        }
    }
}
