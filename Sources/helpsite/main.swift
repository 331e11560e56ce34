import HelpSiteCLI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(await HelpSiteCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
