/** The service names of the shared catalogue, prefixed as the platform names them. */
export function serviceName(team: string, name: string): string {
    return `${team}-${name}`.toLowerCase();
}
