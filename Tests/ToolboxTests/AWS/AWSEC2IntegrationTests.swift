import Foundation
import Testing
import Toolbox

/// EC2 against moto: the network stack build-infra creates, described back and torn down.
@Suite("EC2 against moto")
struct AWSEC2IntegrationTests {
    @Test func networkCreateDescribeDeleteRoundTrip() async throws {
        try await withAWSEmulator { endpoint in
            let ec2 = EC2(client: testClient(endpoint: endpoint))
            let project = [EC2.Tag(key: "project", value: "demo")]
            let zones = try await ec2.describeAvailabilityZones()
            #expect(zones.count >= 2)

            let vpc = try await ec2.createVpc(cidrBlock: "10.0.0.0/16", tags: project)
            try await ec2.modifyVpcAttribute(vpcId: vpc.vpcId, enableDnsHostnames: true)
            #expect(try await ec2.describeVpcs(filters: [.tag("project", "demo")]).map(\.vpcId) == [vpc.vpcId])
            #expect(try await ec2.describeVpcs(ids: [vpc.vpcId]).first?.tagSet?.first?.value == "demo")

            let publicSubnet = try await ec2.createSubnet(
                vpcId: vpc.vpcId, cidrBlock: "10.0.0.0/24", availabilityZone: zones[0].zoneName, tags: project)
            let privateSubnet = try await ec2.createSubnet(
                vpcId: vpc.vpcId, cidrBlock: "10.0.1.0/24", availabilityZone: zones[1].zoneName, tags: project)
            try await ec2.modifySubnetAttribute(subnetId: publicSubnet.subnetId, mapPublicIpOnLaunch: true)
            let subnets = try await ec2.describeSubnets(filters: [.init(name: "vpc-id", values: [vpc.vpcId])])
            #expect(Set(subnets.map(\.subnetId)) == [publicSubnet.subnetId, privateSubnet.subnetId])

            let gateway = try await ec2.createInternetGateway(tags: project)
            try await ec2.attachInternetGateway(internetGatewayId: gateway.internetGatewayId, vpcId: vpc.vpcId)
            let described = try await ec2.describeInternetGateways(ids: [gateway.internetGatewayId])
            #expect(described.first?.attachmentSet?.first?.vpcId == vpc.vpcId)

            let address = try await ec2.allocateAddress(tags: project)
            let allocationId = try #require(address.allocationId)
            let nat = try await ec2.createNatGateway(
                subnetId: publicSubnet.subnetId, allocationId: allocationId, tags: project)
            #expect(try await ec2.describeNatGateways(ids: [nat.natGatewayId]).first?.subnetId == publicSubnet.subnetId)

            let publicRoutes = try await ec2.createRouteTable(vpcId: vpc.vpcId, tags: project)
            try await ec2.createRoute(
                routeTableId: publicRoutes.routeTableId, destinationCidrBlock: "0.0.0.0/0",
                gatewayId: gateway.internetGatewayId)
            let privateRoutes = try await ec2.createRouteTable(vpcId: vpc.vpcId, tags: project)
            try await ec2.createRoute(
                routeTableId: privateRoutes.routeTableId, destinationCidrBlock: "0.0.0.0/0",
                natGatewayId: nat.natGatewayId)
            let association = try await ec2.associateRouteTable(
                routeTableId: privateRoutes.routeTableId, subnetId: privateSubnet.subnetId)
            let table = try #require(try await ec2.describeRouteTables(ids: [privateRoutes.routeTableId]).first)
            #expect(table.routeSet?.contains { $0.natGatewayId == nat.natGatewayId } == true)
            #expect(table.associationSet?.contains { $0.subnetId == privateSubnet.subnetId } == true)

            let group = try await ec2.createSecurityGroup(
                groupName: "demo-alb", description: "public load balancer", vpcId: vpc.vpcId, tags: project)
            let tasks = try await ec2.createSecurityGroup(
                groupName: "demo-tasks", description: "tasks", vpcId: vpc.vpcId)
            try await ec2.authorizeSecurityGroupIngress(
                groupId: group, permissions: [.init(fromPort: 80, toPort: 80, cidrs: ["0.0.0.0/0"])])
            try await ec2.authorizeSecurityGroupIngress(
                groupId: tasks, permissions: [.init(fromPort: 50051, toPort: 50051, sourceGroupIds: [group])])
            try await ec2.createTags(resourceIds: [tasks], tags: project)
            let groups = try await ec2.describeSecurityGroups(ids: [group, tasks])
            #expect(groups.first { $0.groupId == group }?.ipPermissions?.first?.ipRanges?.first?.cidrIp == "0.0.0.0/0")
            #expect(groups.first { $0.groupId == tasks }?.ipPermissions?.first?.groups?.first?.groupId == group)
            #expect(try await ec2.describeSecurityGroups(filters: [.tag("project", "demo")]).count == 2)

            let bastion = try await ec2.runInstances(
                imageId: "ami-12c6146b", instanceType: "t3.micro", subnetId: publicSubnet.subnetId,
                securityGroupIds: [group],
                keyName: nil, tags: project)
            let bastionId = try #require(bastion.first?.instanceId)
            let running = try await ec2.describeInstances(filters: [.tag("project", "demo")])
            #expect(running.map(\.instanceId) == [bastionId])
            #expect(running.first?.subnetId == publicSubnet.subnetId)
            try await ec2.terminateInstances(ids: [bastionId])
            #expect(try await ec2.describeInstances(ids: [bastionId]).first?.instanceState?.name == "terminated")

            try await ec2.deleteTags(resourceIds: [tasks], tags: project)
            try await ec2.deleteSecurityGroup(groupId: tasks)
            try await ec2.deleteSecurityGroup(groupId: group)
            try await ec2.disassociateRouteTable(associationId: association)
            try await ec2.deleteRoute(routeTableId: privateRoutes.routeTableId, destinationCidrBlock: "0.0.0.0/0")
            try await ec2.deleteRouteTable(routeTableId: privateRoutes.routeTableId)
            try await ec2.deleteRouteTable(routeTableId: publicRoutes.routeTableId)
            try await ec2.deleteNatGateway(natGatewayId: nat.natGatewayId)
            try await ec2.releaseAddress(allocationId: allocationId)
            try await ec2.detachInternetGateway(internetGatewayId: gateway.internetGatewayId, vpcId: vpc.vpcId)
            try await ec2.deleteInternetGateway(internetGatewayId: gateway.internetGatewayId)
            try await ec2.deleteSubnet(subnetId: publicSubnet.subnetId)
            try await ec2.deleteSubnet(subnetId: privateSubnet.subnetId)
            try await ec2.deleteVpc(vpcId: vpc.vpcId)
            #expect(try await ec2.describeVpcs(filters: [.tag("project", "demo")]).isEmpty)
            let gone = await #expect(throws: AWSError.self) { _ = try await ec2.describeVpcs(ids: [vpc.vpcId]) }
            #expect(gone?.code == "InvalidVpcID.NotFound")
        }
    }
}
