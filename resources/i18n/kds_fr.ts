<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Printer status unavailable — see log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KDS cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KDS stopped on an unexpected error: {error} (details in the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KDS stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connector closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>printing was taken over by another device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the printing role moved to this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connector address not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from the connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connector sent a message over {limit} bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connector answered HTTP {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot store events: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable answer to hello: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected welcome, got {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connector speaks protocol {connector}, this device {device}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connector&apos;s event log ends at {connector_seq} but this device already holds {device_seq}: was the connector reset? (reset this device&apos;s data or restore the connector&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NO {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ {allergens}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restrictions: {list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dine-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curbside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drive-thru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table {table}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} · {n} guests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting to the connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting since {time} ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting since {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token refused by the connector — check [connector] token in the config file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol error: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen {name} not found (connected: {known}); showing on {primary}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KDS — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take over printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop printing here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the connector…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} · {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catching up — {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} invalid message(s) from the connector — see log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error: {error} — see log; restart KDS if this screen stops updating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} unexpected errors, the last: {error} — see log; restart KDS if this screen stops updating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do for this order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#{number}: &apos;{label}&apos; has no printer — add a route or a default printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer routes: {problem} — not in the synced catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{printer} printer: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not take over printing: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not stop printing here: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing cannot start: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing did not stop cleanly: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets of order #{detail} could not be queued — see the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing: off — this device does not print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing: off — no printers in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing: asking the connector…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing: this device ({printers})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing: starting the printers on this device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing is done by {holder}; this device does not print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing: stopped on this device; no device prints until one takes over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing: waiting for the connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing moves to this device; {holder} stops printing. Continue?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device stops printing; no device prints until one takes over. Continue?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{template}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>void slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing printed for this order yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy {copy}/{copies}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint {what} on {printer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint {what} ({details}) on {printer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCHEDULED · {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCELLED — {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>READY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPDATED · revision {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kds set-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config has a problem in {where}:
{message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config cannot be read: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no config yet: set this device up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connector brings the orders. Pick one found here or type its address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First device of this kitchen: enter the sales-point token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join as a sub-terminal with a pairing code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales-point token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pairing code shown on a device already set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no connector answered; type its address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>join with a pairing code first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joining…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not joined: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joined; {outcome}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name other devices see, and what this device does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Kitchen grill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device prints the kitchen tickets (printing role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly one device of a kitchen prints; the connector gives the role to the first that asks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the stations, then choose what each screen shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stations, e.g. Grill, Cold, Bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identify screens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A station screen shows the lines of its station; expo shows whole orders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the printers, choose the model, and print a test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find USB printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network printer, e.g. 192.168.1.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scan, e.g. 192.168.1.0/24 (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code-page sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does this look right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printers of this kitchen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looking for USB printers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking {host}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scanning {range} ({n} addresses)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is already a printer named {name!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>printing the test page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test page sent to {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not printed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>printing the code-page sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet printed in {codepage}. It should read: {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code page {codepage} kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no other code page to try for this model; choose another model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now fetches the article groups; then say where each one goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines no route takes go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nowhere (reported as unrouted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking the connector for the catalog…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file there now is kept as a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the previous file is kept as {backup})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}{kept}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
