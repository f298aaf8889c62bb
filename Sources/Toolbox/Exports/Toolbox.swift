// The one core module the plugin executables import: every layer of the toolbox, re-exported.
// The layers themselves (Package.swift) keep each other apart; this file only gathers them.
@_exported import ToolboxAWS
@_exported import ToolboxAWSPlatform
@_exported import ToolboxCLI
@_exported import ToolboxCore
@_exported import ToolboxHTTP
@_exported import ToolboxLocal
@_exported import ToolboxRollout
@_exported import ToolboxSigV4
