<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>not connected to the connector</source>
        <translation>nicht mit dem Connector verbunden</translation>
    </message>
    <message>
        <source>Printer status unavailable — see log</source>
        <translation>Druckerstatus nicht verfügbar — siehe Protokoll</translation>
    </message>
    <message>
        <source>KDS cannot start</source>
        <translation>KDS kann nicht starten</translation>
    </message>
    <message>
        <source>KDS stopped on an unexpected error: {error} (details in the log)</source>
        <translation>KDS wurde durch einen unerwarteten Fehler beendet: {error} (Details im Protokoll)</translation>
    </message>
    <message>
        <source>KDS stopped</source>
        <translation>KDS beendet</translation>
    </message>
    <message>
        <source>the connector closed the connection</source>
        <translation>der Connector hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>printing was taken over by another device</source>
        <translation>ein anderes Gerät hat das Drucken übernommen</translation>
    </message>
    <message>
        <source>the printing role moved to this device</source>
        <translation>die Druckerrolle ist auf dieses Gerät übergegangen</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>connector address not found</source>
        <translation>Adresse des Connectors nicht gefunden</translation>
    </message>
    <message>
        <source>no answer from the connector</source>
        <translation>keine Antwort vom Connector</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>Verbindung verloren</translation>
    </message>
    <message>
        <source>the connector sent a message over {limit} bytes</source>
        <translation>der Connector hat eine Nachricht über {limit} Bytes gesendet</translation>
    </message>
    <message>
        <source>connector answered HTTP {status}</source>
        <translation>Connector antwortete mit HTTP {status}</translation>
    </message>
    <message>
        <source>cannot store events: {error}</source>
        <translation>Ereignisse können nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <source>internal error: {error}</source>
        <translation>interner Fehler: {error}</translation>
    </message>
    <message>
        <source>unreadable answer to hello: {error}</source>
        <translation>unlesbare Antwort auf hello: {error}</translation>
    </message>
    <message>
        <source>expected welcome, got {type}</source>
        <translation>welcome erwartet, {type} erhalten</translation>
    </message>
    <message>
        <source>connector speaks protocol {connector}, this device {device}</source>
        <translation>der Connector spricht Protokoll {connector}, dieses Gerät {device}</translation>
    </message>
    <message>
        <source>the connector&apos;s event log ends at {connector_seq} but this device already holds {device_seq}: was the connector reset? (reset this device&apos;s data or restore the connector&apos;s)</source>
        <translation>das Ereignisprotokoll des Connectors endet bei {connector_seq}, dieses Gerät hat aber schon {device_seq}: wurde der Connector zurückgesetzt? (die Daten dieses Geräts zurücksetzen oder die des Connectors wiederherstellen)</translation>
    </message>
    <message>
        <source>alcohol</source>
        <translation>Alkohol</translation>
    </message>
    <message>
        <source>tobacco</source>
        <translation>Tabak</translation>
    </message>
    <message>
        <source>age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>NO {label}</source>
        <translation>OHNE {label}</translation>
    </message>
    <message>
        <source>⚠ {allergens}</source>
        <translation>⚠ {allergens}</translation>
    </message>
    <message>
        <source>NEW</source>
        <translation>NEU</translation>
    </message>
    <message>
        <source>quantity {change}</source>
        <translation>Menge {change}</translation>
    </message>
    <message>
        <source>notes changed</source>
        <translation>Notizen geändert</translation>
    </message>
    <message>
        <source>{station} ✓</source>
        <translation>{station} ✓</translation>
    </message>
    <message>
        <source>{station} …</source>
        <translation>{station} …</translation>
    </message>
    <message>
        <source>⚑ no station</source>
        <translation>⚑ keine Station</translation>
    </message>
    <message>
        <source>REMOVED</source>
        <translation>ENTFERNT</translation>
    </message>
    <message>
        <source>🔞 Check: {list}</source>
        <translation>🔞 Prüfen: {list}</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Abholung</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Lieferung</translation>
    </message>
    <message>
        <source>Dine-in</source>
        <translation>Im Haus</translation>
    </message>
    <message>
        <source>Curbside</source>
        <translation>Abholung am Auto</translation>
    </message>
    <message>
        <source>Drive-thru</source>
        <translation>Drive-in</translation>
    </message>
    <message>
        <source>Table {table}</source>
        <translation>Tisch {table}</translation>
    </message>
    <message>
        <source>{text} · {n} guests</source>
        <translation>{text} · {n} Gäste</translation>
    </message>
    <message>
        <source>name: {before} → {after}</source>
        <translation>Name: {before} → {after}</translation>
    </message>
    <message>
        <source>quantity {before} → {after}</source>
        <translation>Menge {before} → {after}</translation>
    </message>
    <message>
        <source>variant: {before} → {after}</source>
        <translation>Variante: {before} → {after}</translation>
    </message>
    <message>
        <source>allergens: {before} → {after}</source>
        <translation>Allergene: {before} → {after}</translation>
    </message>
    <message>
        <source>course: {before} → {after}</source>
        <translation>Gang: {before} → {after}</translation>
    </message>
    <message>
        <source>seat: {before} → {after}</source>
        <translation>Platz: {before} → {after}</translation>
    </message>
    <message>
        <source>price: {before} → {after}</source>
        <translation>Preis: {before} → {after}</translation>
    </message>
    <message>
        <source>type: {before} → {after}</source>
        <translation>Art: {before} → {after}</translation>
    </message>
    <message>
        <source>due: {before} → {after}</source>
        <translation>fällig: {before} → {after}</translation>
    </message>
    <message>
        <source>prepare at: {before} → {after}</source>
        <translation>zubereiten um: {before} → {after}</translation>
    </message>
    <message>
        <source>table: {before} → {after}</source>
        <translation>Tisch: {before} → {after}</translation>
    </message>
    <message>
        <source>guests: {before} → {after}</source>
        <translation>Gäste: {before} → {after}</translation>
    </message>
    <message>
        <source>cutlery: {before} → {after}</source>
        <translation>Besteck: {before} → {after}</translation>
    </message>
    <message>
        <source>note: {text}</source>
        <translation>Hinweis: {text}</translation>
    </message>
    <message>
        <source>note removed: {text}</source>
        <translation>Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>restriction: {text}</source>
        <translation>Einschränkung: {text}</translation>
    </message>
    <message>
        <source>restriction removed: {text}</source>
        <translation>Einschränkung entfernt: {text}</translation>
    </message>
    <message>
        <source>order note: {text}</source>
        <translation>Bestell-Hinweis: {text}</translation>
    </message>
    <message>
        <source>kitchen note: {text}</source>
        <translation>Küchen-Hinweis: {text}</translation>
    </message>
    <message>
        <source>delivery note: {text}</source>
        <translation>Liefer-Hinweis: {text}</translation>
    </message>
    <message>
        <source>cutlery note: {text}</source>
        <translation>Besteck-Hinweis: {text}</translation>
    </message>
    <message>
        <source>allergy note: {text}</source>
        <translation>Allergie-Hinweis: {text}</translation>
    </message>
    <message>
        <source>other note: {text}</source>
        <translation>sonstiger Hinweis: {text}</translation>
    </message>
    <message>
        <source>removed order note: {text}</source>
        <translation>Bestell-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed kitchen note: {text}</source>
        <translation>Küchen-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed delivery note: {text}</source>
        <translation>Liefer-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed cutlery note: {text}</source>
        <translation>Besteck-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed allergy note: {text}</source>
        <translation>Allergie-Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>removed other note: {text}</source>
        <translation>sonstiger Hinweis entfernt: {text}</translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation>SOFORT</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>delivery address changed</source>
        <translation>Lieferadresse geändert</translation>
    </message>
    <message>
        <source>due {time}</source>
        <translation>fällig {time}</translation>
    </message>
    <message>
        <source>connecting to the connector</source>
        <translation>verbinde mit dem Connector</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>reconnecting since {time} ({reason})</source>
        <translation>neue Verbindung seit {time} ({reason})</translation>
    </message>
    <message>
        <source>reconnecting since {time}</source>
        <translation>neue Verbindung seit {time}</translation>
    </message>
    <message>
        <source>token refused by the connector — check [connector] token in the config file</source>
        <translation>Token vom Connector abgelehnt — [connector] token in der Konfigurationsdatei prüfen</translation>
    </message>
    <message>
        <source>protocol error: {reason}</source>
        <translation>Protokollfehler: {reason}</translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation>Protokollfehler</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>Not connected since {time} — new orders may be missing</source>
        <translation>Nicht verbunden seit {time} — neue Bestellungen können fehlen</translation>
    </message>
    <message>
        <source>Back — {n} orders caught up</source>
        <translation>Wieder da — {n} Bestellungen nachgeholt</translation>
    </message>
    <message>
        <source>Screen {name} not found (connected: {known}); showing on {primary}.</source>
        <translation>Bildschirm {name} nicht gefunden (angeschlossen: {known}); Anzeige auf {primary}.</translation>
    </message>
    <message>
        <source>KDS — {name}</source>
        <translation>KDS — {name}</translation>
    </message>
    <message>
        <source>Take over printing</source>
        <translation>Drucken übernehmen</translation>
    </message>
    <message>
        <source>Stop printing here</source>
        <translation>Hier nicht mehr drucken</translation>
    </message>
    <message>
        <source>Connecting to the connector…</source>
        <translation>Verbinde mit dem Connector…</translation>
    </message>
    <message>
        <source>{name} · {text}</source>
        <translation>{name} · {text}</translation>
    </message>
    <message>
        <source>Catching up — {done} of {total}</source>
        <translation>Aufholen — {done} von {total}</translation>
    </message>
    <message>
        <source>{n} invalid message(s) from the connector — see log</source>
        <translation>{n} ungültige Nachricht(en) vom Connector — siehe Protokoll</translation>
    </message>
    <message>
        <source>Silence alarm</source>
        <translation>Alarm stumm</translation>
    </message>
    <message>
        <source>Unexpected error: {error} — see log; restart KDS if this screen stops updating</source>
        <translation>Unerwarteter Fehler: {error} — siehe Protokoll; KDS neu starten, wenn dieser Bildschirm nicht mehr aktualisiert</translation>
    </message>
    <message>
        <source>{n} unexpected errors, the last: {error} — see log; restart KDS if this screen stops updating</source>
        <translation>{n} unerwartete Fehler, der letzte: {error} — siehe Protokoll; KDS neu starten, wenn dieser Bildschirm nicht mehr aktualisiert</translation>
    </message>
    <message>
        <source>Nothing to do for this order</source>
        <translation>Für diese Bestellung ist nichts zu tun</translation>
    </message>
    <message>
        <source>Order {number}</source>
        <translation>Bestellung {number}</translation>
    </message>
    <message>
        <source>#{number}: &apos;{label}&apos; has no printer — add a route or a default printer</source>
        <translation>#{number}: „{label}“ hat keinen Drucker — eine Route oder einen Standarddrucker anlegen</translation>
    </message>
    <message>
        <source>Printer routes: {problem}</source>
        <translation>Druckerwege: {problem}</translation>
    </message>
    <message>
        <source>{printer} printer: {problem}</source>
        <translation>Drucker {printer}: {problem}</translation>
    </message>
    <message>
        <source>Could not take over printing: {detail}</source>
        <translation>Drucken konnte nicht übernommen werden: {detail}</translation>
    </message>
    <message>
        <source>Could not stop printing here: {detail}</source>
        <translation>Drucken konnte hier nicht beendet werden: {detail}</translation>
    </message>
    <message>
        <source>Printing cannot start: {detail}</source>
        <translation>Drucken kann nicht starten: {detail}</translation>
    </message>
    <message>
        <source>Printing did not stop cleanly: {detail}</source>
        <translation>Drucken wurde nicht sauber beendet: {detail}</translation>
    </message>
    <message>
        <source>Tickets of order #{detail} could not be queued — see the log</source>
        <translation>Bons der Bestellung #{detail} konnten nicht eingereiht werden — siehe Protokoll</translation>
    </message>
    <message>
        <source>Printing: off — this device does not print</source>
        <translation>Drucken: aus — dieses Gerät druckt nicht</translation>
    </message>
    <message>
        <source>Printing: off — no printers in the settings</source>
        <translation>Drucken: aus — keine Drucker in den Einstellungen</translation>
    </message>
    <message>
        <source>Printing: asking the connector…</source>
        <translation>Drucken: frage den Connector…</translation>
    </message>
    <message>
        <source>Printing: this device ({printers})</source>
        <translation>Drucken: dieses Gerät ({printers})</translation>
    </message>
    <message>
        <source>Printing: starting the printers on this device…</source>
        <translation>Drucken: starte die Drucker dieses Geräts…</translation>
    </message>
    <message>
        <source>another device</source>
        <translation>ein anderes Gerät</translation>
    </message>
    <message>
        <source>Printing is done by {holder}; this device does not print</source>
        <translation>Es druckt {holder}; dieses Gerät druckt nicht</translation>
    </message>
    <message>
        <source>Printing: stopped on this device; no device prints until one takes over</source>
        <translation>Drucken: auf diesem Gerät beendet; kein Gerät druckt, bis eines übernimmt</translation>
    </message>
    <message>
        <source>Printing: waiting for the connector</source>
        <translation>Drucken: warte auf den Connector</translation>
    </message>
    <message>
        <source>Printing moves to this device; {holder} stops printing. Continue?</source>
        <translation>Das Drucken geht auf dieses Gerät über; {holder} druckt nicht mehr. Fortfahren?</translation>
    </message>
    <message>
        <source>no device</source>
        <translation>kein Gerät</translation>
    </message>
    <message>
        <source>This device stops printing; no device prints until one takes over. Continue?</source>
        <translation>Dieses Gerät druckt nicht mehr; kein Gerät druckt, bis eines übernimmt. Fortfahren?</translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation>{template}-Bon</translation>
    </message>
    <message>
        <source>{template}</source>
        <translation>{template}</translation>
    </message>
    <message>
        <source>change slip</source>
        <translation>Änderungsbon</translation>
    </message>
    <message>
        <source>void slip</source>
        <translation>Stornobon</translation>
    </message>
    <message>
        <source>Reprint: {reason}</source>
        <translation>Nachdruck: {reason}</translation>
    </message>
    <message>
        <source>Nothing printed for this order yet</source>
        <translation>Für diese Bestellung wurde noch nichts gedruckt</translation>
    </message>
    <message>
        <source>copy {copy}/{copies}</source>
        <translation>Kopie {copy}/{copies}</translation>
    </message>
    <message>
        <source>Reprint {what} on {printer}</source>
        <translation>{what} auf {printer} nachdrucken</translation>
    </message>
    <message>
        <source>Reprint {what} ({details}) on {printer}</source>
        <translation>{what} ({details}) auf {printer} nachdrucken</translation>
    </message>
    <message>
        <source>SCHEDULED · {due}</source>
        <translation>VORBESTELLT · {due}</translation>
    </message>
    <message>
        <source>{fulfilment} · {due}</source>
        <translation>{fulfilment} · {due}</translation>
    </message>
    <message>
        <source>code {code}</source>
        <translation>Code {code}</translation>
    </message>
    <message>
        <source>TEST ORDER — do not cook</source>
        <translation>TESTBESTELLUNG — nicht zubereiten</translation>
    </message>
    <message>
        <source>CANCELLED — {reason}</source>
        <translation>STORNIERT — {reason}</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>STORNIERT</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>FERTIG</translation>
    </message>
    <message>
        <source>RECALLED</source>
        <translation>ZURÜCKGEHOLT</translation>
    </message>
    <message>
        <source>CHANGED · revision {n} — tap to acknowledge</source>
        <translation>GEÄNDERT · Version {n} — zum Bestätigen tippen</translation>
    </message>
    <message>
        <source>UPDATED · revision {n}</source>
        <translation>GEÄNDERT · Version {n}</translation>
    </message>
    <message>
        <source>{n}/{count} → next card</source>
        <translation>{n}/{count} → nächste Karte</translation>
    </message>
    <message>
        <source>{n}/{count}</source>
        <translation>{n}/{count}</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>Keine offenen Bestellungen</translation>
    </message>
    <message>
        <source>+{n} more →</source>
        <translation>+{n} weitere →</translation>
    </message>
    <message>
        <source>next →</source>
        <translation>weiter →</translation>
    </message>
    <message>
        <source>← {n} earlier</source>
        <translation>← {n} frühere</translation>
    </message>
    <message>
        <source>← back</source>
        <translation>← zurück</translation>
    </message>
    <message>
        <source>page {n}</source>
        <translation>Seite {n}</translation>
    </message>
    <message>
        <source>In preparation</source>
        <translation>In Zubereitung</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>kds set-up</source>
        <translation>kds-Einrichtung</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>the top level</source>
        <translation>der obersten Ebene</translation>
    </message>
    <message>
        <source>The config has a problem in {where}:
{message}</source>
        <translation>Die Konfiguration hat ein Problem in {where}:
{message}</translation>
    </message>
    <message>
        <source>The config cannot be read: {message}</source>
        <translation>Die Konfiguration kann nicht gelesen werden: {message}</translation>
    </message>
    <message>
        <source>There is no config yet: set this device up.</source>
        <translation>Es gibt noch keine Konfiguration: richten Sie dieses Gerät ein.</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>The connector brings the orders. Pick one found here or type its address.</source>
        <translation>Der Connector bringt die Bestellungen. Wählen Sie einen gefundenen oder geben Sie seine Adresse ein.</translation>
    </message>
    <message>
        <source>Search the network</source>
        <translation>Im Netzwerk suchen</translation>
    </message>
    <message>
        <source>First device of this kitchen: enter the sales-point token</source>
        <translation>Erstes Gerät dieser Küche: Kassen-Token eingeben</translation>
    </message>
    <message>
        <source>Join as a sub-terminal with a pairing code</source>
        <translation>Als Unterterminal mit einem Kopplungscode beitreten</translation>
    </message>
    <message>
        <source>sales-point token</source>
        <translation>Kassen-Token</translation>
    </message>
    <message>
        <source>pairing code shown on a device already set up</source>
        <translation>Kopplungscode, angezeigt auf einem eingerichteten Gerät</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>suche…</translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation>{n} gefunden</translation>
    </message>
    <message>
        <source>no connector answered; type its address</source>
        <translation>kein Connector hat geantwortet; Adresse eingeben</translation>
    </message>
    <message>
        <source>search failed: {reason}</source>
        <translation>Suche fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>join with a pairing code first</source>
        <translation>zuerst mit einem Kopplungscode beitreten</translation>
    </message>
    <message>
        <source>enter the token</source>
        <translation>Token eingeben</translation>
    </message>
    <message>
        <source>testing…</source>
        <translation>teste…</translation>
    </message>
    <message>
        <source>joining…</source>
        <translation>trete bei…</translation>
    </message>
    <message>
        <source>not joined: {reason}</source>
        <translation>nicht beigetreten: {reason}</translation>
    </message>
    <message>
        <source>joined; {outcome}</source>
        <translation>beigetreten; {outcome}</translation>
    </message>
    <message>
        <source>Printing is held by {name}: this device prints only after a takeover.</source>
        <translation>Drucken liegt bei {name}: dieses Gerät druckt erst nach einer Übernahme.</translation>
    </message>
    <message>
        <source>Take over printing from {name}…</source>
        <translation>Drucken von {name} übernehmen…</translation>
    </message>
    <message>
        <source>Take over printing from {name}? {name} stops printing at once and this device prints every new ticket.</source>
        <translation>Drucken von {name} übernehmen? {name} hört sofort auf zu drucken, und dieses Gerät druckt jeden neuen Bon.</translation>
    </message>
    <message>
        <source>Printing taken over from {name}.</source>
        <translation>Drucken von {name} übernommen.</translation>
    </message>
    <message>
        <source>Not taken over: {reason}</source>
        <translation>Nicht übernommen: {reason}</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>The name other devices see, and what this device does.</source>
        <translation>Der Name, den andere Geräte sehen, und was dieses Gerät tut.</translation>
    </message>
    <message>
        <source>e.g. Kitchen grill</source>
        <translation>z. B. Küche Grill</translation>
    </message>
    <message>
        <source>This device prints the kitchen tickets (printing role)</source>
        <translation>Dieses Gerät druckt die Küchenbons (Druckerrolle)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Gerätename</translation>
    </message>
    <message>
        <source>Exactly one device of a kitchen prints; the connector gives the role to the first that asks.</source>
        <translation>Genau ein Gerät einer Küche druckt; der Connector gibt die Rolle dem ersten, das fragt.</translation>
    </message>
    <message>
        <source>Monitors</source>
        <translation>Bildschirme</translation>
    </message>
    <message>
        <source>Name the stations, then choose what each screen shows.</source>
        <translation>Benennen Sie die Stationen und wählen Sie dann, was jeder Bildschirm zeigt.</translation>
    </message>
    <message>
        <source>stations, e.g. Grill, Cold, Bar</source>
        <translation>Stationen, z. B. Grill, Kalt, Bar</translation>
    </message>
    <message>
        <source>Identify screens</source>
        <translation>Bildschirme erkennen</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Stationen</translation>
    </message>
    <message>
        <source>A station screen shows the lines of its station; expo shows whole orders.</source>
        <translation>Ein Stationsbildschirm zeigt die Positionen seiner Station; der Pass zeigt ganze Bestellungen.</translation>
    </message>
    <message>
        <source>every station</source>
        <translation>alle Stationen</translation>
    </message>
    <message>
        <source>Preview of screen {n}: {profile}</source>
        <translation>Vorschau von Bildschirm {n}: {profile}</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>Find the printers, choose the model, and print a test.</source>
        <translation>Drucker finden, Modell wählen und einen Test drucken.</translation>
    </message>
    <message>
        <source>Find USB printers</source>
        <translation>USB-Drucker suchen</translation>
    </message>
    <message>
        <source>network printer, e.g. 192.168.1.50</source>
        <translation>Netzwerkdrucker, z. B. 192.168.1.50</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>Abfragen</translation>
    </message>
    <message>
        <source>scan, e.g. 192.168.1.0/24 (optional)</source>
        <translation>Suchbereich, z. B. 192.168.1.0/24 (optional)</translation>
    </message>
    <message>
        <source>port </source>
        <translation>Port </translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Cancel scan</source>
        <translation>Suche abbrechen</translation>
    </message>
    <message>
        <source>Add printer</source>
        <translation>Drucker hinzufügen</translation>
    </message>
    <message>
        <source>Print test page</source>
        <translation>Testseite drucken</translation>
    </message>
    <message>
        <source>Code-page sheet</source>
        <translation>Zeichensatz-Testblatt</translation>
    </message>
    <message>
        <source>Does this look right?</source>
        <translation>Sieht das richtig aus?</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Printers of this kitchen</source>
        <translation>Drucker dieser Küche</translation>
    </message>
    <message>
        <source>looking for USB printers…</source>
        <translation>suche USB-Drucker…</translation>
    </message>
    <message>
        <source>asking {host}…</source>
        <translation>frage {host}…</translation>
    </message>
    <message>
        <source>scanning {range} ({n} addresses)…</source>
        <translation>durchsuche {range} ({n} Adressen)…</translation>
    </message>
    <message>
        <source>there is already a printer named {name!r}</source>
        <translation>es gibt schon einen Drucker namens {name!r}</translation>
    </message>
    <message>
        <source>printing the test page…</source>
        <translation>drucke die Testseite…</translation>
    </message>
    <message>
        <source>test page sent to {name}</source>
        <translation>Testseite an {name} gesendet</translation>
    </message>
    <message>
        <source>not printed: {reason}</source>
        <translation>nicht gedruckt: {reason}</translation>
    </message>
    <message>
        <source>printing the code-page sheet…</source>
        <translation>drucke das Zeichensatz-Testblatt…</translation>
    </message>
    <message>
        <source>Sheet printed in {codepage}. It should read: {expected}</source>
        <translation>Blatt in {codepage} gedruckt. Es sollte lauten: {expected}</translation>
    </message>
    <message>
        <source>code page {codepage} kept</source>
        <translation>Zeichensatz {codepage} übernommen</translation>
    </message>
    <message>
        <source>no other code page to try for this model; choose another model</source>
        <translation>kein weiterer Zeichensatz für dieses Modell; anderes Modell wählen</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <source>Sync now fetches the article groups; then say where each one goes.</source>
        <translation>„Jetzt synchronisieren“ holt die Warengruppen; dann legen Sie fest, wohin jede geht.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>nowhere (reported as unrouted)</source>
        <translation>nirgendwohin (als ohne Route gemeldet)</translation>
    </message>
    <message>
        <source>No catalog received yet</source>
        <translation>Noch kein Katalog empfangen</translation>
    </message>
    <message>
        <source>{n} route problem(s)</source>
        <translation>{n} Problem(e) mit Wegen</translation>
    </message>
    <message>
        <source>Catalog {time} · {articles} articles, {groups} groups</source>
        <translation>Katalog {time} · {articles} Artikel, {groups} Gruppen</translation>
    </message>
    <message>
        <source>asking the connector for the catalog…</source>
        <translation>frage den Connector nach dem Katalog…</translation>
    </message>
    <message>
        <source>no catalog within {n:g} s</source>
        <translation>kein Katalog innerhalb von {n:g} s</translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation>Synchronisierung fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Kopien</translation>
    </message>
    <message>
        <source>Station on the ticket</source>
        <translation>Station auf dem Bon</translation>
    </message>
    <message>
        <source>Add a customer receipt</source>
        <translation>Kundenbeleg hinzufügen</translation>
    </message>
    <message>
        <source>Lines no route takes print on</source>
        <translation>Positionen ohne Weg drucken auf</translation>
    </message>
    <message>
        <source>Lines no station takes show at</source>
        <translation>Positionen ohne Station erscheinen bei</translation>
    </message>
    <message>
        <source>Customer receipt on</source>
        <translation>Kundenbeleg auf</translation>
    </message>
    <message>
        <source>every station, marked “no station”</source>
        <translation>jeder Station, markiert „keine Station“</translation>
    </message>
    <message>
        <source>{label} ({printers}): with the loyalty block</source>
        <translation>{label} ({printers}): mit dem Treueblock</translation>
    </message>
    <message>
        <source>no station</source>
        <translation>keine Station</translation>
    </message>
    <message>
        <source>not printed</source>
        <translation>nicht gedruckt</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Articles…</source>
        <translation>Artikel…</translation>
    </message>
    <message>
        <source>as its group</source>
        <translation>wie seine Gruppe</translation>
    </message>
    <message>
        <source>Articles of {group}: each prints as its group, or where you choose.</source>
        <translation>Artikel von {group}: jeder druckt wie seine Gruppe oder dort, wo Sie wählen.</translation>
    </message>
    <message>
        <source>The catalog has no articles in {group}.</source>
        <translation>Der Katalog hat keine Artikel in {group}.</translation>
    </message>
    <message>
        <source>Sync now to list the articles of {group}.</source>
        <translation>Jetzt synchronisieren, um die Artikel von {group} aufzulisten.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>This is saved to {path}.</source>
        <translation>Dies wird in {path} gespeichert.</translation>
    </message>
    <message>
        <source>new admin PIN</source>
        <translation>neue Admin-PIN</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>noch einmal dieselbe</translation>
    </message>
    <message>
        <source>Admin PIN</source>
        <translation>Admin-PIN</translation>
    </message>
    <message>
        <source>The file there now is kept as a backup.</source>
        <translation>Die dort vorhandene Datei bleibt als Sicherung erhalten.</translation>
    </message>
    <message>
        <source>An admin PIN is set; type a new one to change it.</source>
        <translation>Eine Admin-PIN ist gesetzt; tippen Sie eine neue, um sie zu ändern.</translation>
    </message>
    <message>
        <source>No admin PIN yet: without one anyone can open the admin area from the screens. 4 to 12 digits.</source>
        <translation>Noch keine Admin-PIN: ohne sie kann jeder den Admin-Bereich an den Bildschirmen öffnen. 4 bis 12 Ziffern.</translation>
    </message>
    <message>
        <source>the two PINs differ</source>
        <translation>die beiden PINs sind verschieden</translation>
    </message>
    <message>
        <source>PIN not set: {reason}</source>
        <translation>PIN nicht gesetzt: {reason}</translation>
    </message>
    <message>
        <source>The admin PIN is set.</source>
        <translation>Die Admin-PIN ist gesetzt.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Nicht gespeichert: {reason}</translation>
    </message>
    <message>
        <source> (the previous file is kept as {backup})</source>
        <translation> (die vorige Datei bleibt als {backup} erhalten)</translation>
    </message>
    <message>
        <source>Saved to {path}{kept}</source>
        <translation>Gespeichert in {path}{kept}</translation>
    </message>
    <message>
        <source>internal error (see the log)</source>
        <translation>interner Fehler (siehe Protokoll)</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>PICKUP</source>
        <translation>ABHOLUNG</translation>
    </message>
    <message>
        <source>DELIVERY</source>
        <translation>LIEFERUNG</translation>
    </message>
    <message>
        <source>DINE IN</source>
        <translation>IM HAUS</translation>
    </message>
    <message>
        <source>CURBSIDE</source>
        <translation>ABHOLUNG AM AUTO</translation>
    </message>
    <message>
        <source>DRIVE THRU</source>
        <translation>DRIVE-IN</translation>
    </message>
    <message>
        <source>ALCOHOL: ID CHECK</source>
        <translation>ALKOHOL: AUSWEIS PRÜFEN</translation>
    </message>
    <message>
        <source>TOBACCO: ID CHECK</source>
        <translation>TABAK: AUSWEIS PRÜFEN</translation>
    </message>
    <message>
        <source>AGE: ID CHECK</source>
        <translation>ALTER: AUSWEIS PRÜFEN</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>NACHDRUCK</translation>
    </message>
    <message>
        <source>BACKUP FOR {printer}</source>
        <translation>ERSATZ FÜR {printer}</translation>
    </message>
    <message>
        <source>{n} ticket</source>
        <translation>{n} Bon</translation>
    </message>
    <message>
        <source>{n} tickets</source>
        <translation>{n} Bons</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>the paper is refilled</source>
        <translation>Papier nachgefüllt ist</translation>
    </message>
    <message>
        <source>the cover is closed</source>
        <translation>der Deckel geschlossen ist</translation>
    </message>
    <message>
        <source>it is back online</source>
        <translation>er wieder online ist</translation>
    </message>
    <message>
        <source>it answers again</source>
        <translation>er wieder antwortet</translation>
    </message>
    <message>
        <source>it works again</source>
        <translation>er wieder funktioniert</translation>
    </message>
    <message>
        <source>{printer} holds #{number} until {until}</source>
        <translation>{printer} hält #{number} fest, bis {until}</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name}: {problem}</translation>
    </message>
    <message>
        <source>{name}: {problem} since {time}</source>
        <translation>{name}: {problem} seit {time}</translation>
    </message>
    <message>
        <source>{name}: sent, not confirmed (printer gives no status)</source>
        <translation>{name}: gesendet, nicht bestätigt (Drucker meldet keinen Status)</translation>
    </message>
    <message>
        <source>{name}: ready</source>
        <translation>{name}: bereit</translation>
    </message>
    <message>
        <source>{name}: not checked yet</source>
        <translation>{name}: noch nicht geprüft</translation>
    </message>
    <message>
        <source>{text}, {tickets} waiting</source>
        <translation>{text}, {tickets} wartend</translation>
    </message>
    <message>
        <source>{text} (going to {backup})</source>
        <translation>{text} (geht an {backup})</translation>
    </message>
    <message>
        <source>{text}; {tickets} could not be laid out (see the log)</source>
        <translation>{text}; {tickets} konnten nicht gesetzt werden (siehe Protokoll)</translation>
    </message>
    <message>
        <source>no answer</source>
        <extracomment>DLE EOT n: the n each query asks about (Epson ESC/POS &quot;transmit real-time status&quot;). What the transports ask, in this order: enough to tell paper out, cover open and offline. False when the printer is configured without status (file transport, status disabled): nothing is known, so nothing is reported as a problem, but nothing is confirmed either.</extracomment>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>Papier leer</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>Deckel offen</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>Papier fast leer</translation>
    </message>
    <message>
        <source>garbled status ({answers})</source>
        <translation>unleserlicher Status ({answers})</translation>
    </message>
    <message>
        <source>paper being fed by the feed button</source>
        <translation>Papiervorschub per Taste</translation>
    </message>
    <message>
        <source>stopped at paper end</source>
        <translation>am Papierende angehalten</translation>
    </message>
    <message>
        <source>error occurred</source>
        <translation>Fehler aufgetreten</translation>
    </message>
    <message>
        <source>autocutter error</source>
        <translation>Fehler am Abschneider</translation>
    </message>
    <message>
        <source>unrecoverable error</source>
        <translation>nicht behebbarer Fehler</translation>
    </message>
    <message>
        <source>auto-recoverable error</source>
        <translation>selbst behebbarer Fehler</translation>
    </message>
    <message>
        <source>paper roll end</source>
        <translation>Papierrolle zu Ende</translation>
    </message>
    <message>
        <source>paper near end</source>
        <translation>Papier fast zu Ende</translation>
    </message>
    <message>
        <source>connected (this connector does not tell its id)</source>
        <translation>verbunden (dieser Connector nennt keine Kennung)</translation>
    </message>
    <message>
        <source>connected to connector {id}</source>
        <translation>verbunden mit Connector {id}</translation>
    </message>
    <message>
        <source>token refused</source>
        <translation>Token abgelehnt</translation>
    </message>
    <message>
        <source>not reachable: {reason}</source>
        <translation>nicht erreichbar: {reason}</translation>
    </message>
    <message>
        <source>too many wrong codes; try again in {seconds} s</source>
        <translation>zu viele falsche Codes; in {seconds} s erneut versuchen</translation>
    </message>
    <message>
        <source>no such pairing code: check the digits, or ask for a new code</source>
        <translation>diesen Kopplungscode gibt es nicht: Ziffern prüfen oder einen neuen Code anfordern</translation>
    </message>
    <message>
        <source>this pairing code was already used; ask for a new code</source>
        <translation>dieser Kopplungscode wurde schon benutzt; einen neuen Code anfordern</translation>
    </message>
    <message>
        <source>this pairing code has expired; ask for a new code</source>
        <translation>dieser Kopplungscode ist abgelaufen; einen neuen Code anfordern</translation>
    </message>
    <message>
        <source>{articles} articles, {groups} groups, {time}</source>
        <translation>{articles} Artikel, {groups} Gruppen, {time}</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>All day</source>
        <translation>Tagesübersicht</translation>
    </message>
    <message>
        <source>Nothing to make</source>
        <translation>Nichts zuzubereiten</translation>
    </message>
    <message>
        <source>Speed of service</source>
        <translation>Servicezeiten</translation>
    </message>
    <message>
        <source>#{number} · {at}</source>
        <translation>#{number} · {at}</translation>
    </message>
    <message>
        <source> · due {at}</source>
        <translation> · fällig {at}</translation>
    </message>
    <message>
        <source>Fire now</source>
        <translation>Jetzt starten</translation>
    </message>
    <message>
        <source>in {left}</source>
        <translation>in {left}</translation>
    </message>
    <message>
        <source>Scheduled ({n})</source>
        <translation>Geplant ({n})</translation>
    </message>
    <message>
        <source>Whole order</source>
        <translation>Ganze Bestellung</translation>
    </message>
    <message>
        <source>all day</source>
        <translation>ganzer Tag</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>{day}: {orders} orders, {late} late</source>
        <translation>{day}: {orders} Bestellungen, {late} verspätet</translation>
    </message>
    <message>
        <source>{order} done</source>
        <translation>{order} erledigt</translation>
    </message>
    <message>
        <source>{order} ready</source>
        <translation>{order} fertig</translation>
    </message>
    <message>
        <source>{order} recalled</source>
        <translation>{order} zurückgeholt</translation>
    </message>
    <message>
        <source>{order} collected</source>
        <translation>{order} abgeholt</translation>
    </message>
    <message>
        <source>{order} fired</source>
        <translation>{order} gestartet</translation>
    </message>
    <message>
        <source>{order} undone</source>
        <translation>{order} rückgängig</translation>
    </message>
    <message>
        <source>Order #{number} has lines no station takes: shown on every station as &quot;no station&quot; (set [kitchen] default_station or the stations&apos; groups)</source>
        <translation>Bestellung #{number} hat Positionen, die keine Station nimmt: an jeder Station als „keine Station“ gezeigt ([kitchen] default_station oder die Gruppen der Stationen setzen)</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Zurückholen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Nothing to recall</source>
        <translation>Nichts zum Zurückholen</translation>
    </message>
    <message>
        <source>Scan pickup codes at the expo screen</source>
        <translation>Abholcodes am Expo-Bildschirm scannen</translation>
    </message>
    <message>
        <source>No open order with the code {code}</source>
        <translation>Keine offene Bestellung mit dem Code {code}</translation>
    </message>
    <message>
        <source>#{number} is not ready yet</source>
        <translation>#{number} ist noch nicht fertig</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <source>no USB printers found</source>
        <translation>keine USB-Drucker gefunden</translation>
    </message>
    <message>
        <source>libusb-1.0 is not installed: apt-get install libusb-1.0-0</source>
        <translation>libusb-1.0 ist nicht installiert: apt-get install libusb-1.0-0</translation>
    </message>
    <message>
        <source>USB printer {ids}</source>
        <translation>USB-Drucker {ids}</translation>
    </message>
    <message>
        <source>{title} — usb {ids}, bus {bus} device {address}</source>
        <translation>{title} — USB {ids}, Bus {bus} Gerät {address}</translation>
    </message>
    <message>
        <source>{title} — usb {ids}</source>
        <translation>{title} — USB {ids}</translation>
    </message>
    <message>
        <source>{printer}: {problem}</source>
        <translation>{printer}: {problem}</translation>
    </message>
    <message>
        <source>{printer} ({detail})</source>
        <translation>{printer} ({detail})</translation>
    </message>
    <message>
        <source>{n} USB printer found</source>
        <translation>{n} USB-Drucker gefunden</translation>
    </message>
    <message>
        <source>{n} USB printers found</source>
        <translation>{n} USB-Drucker gefunden</translation>
    </message>
    <message>
        <source>no permission — add the udev rule
  {rule}
to {file}, run `{command}`, then unplug and replug the printer</source>
        <translation>keine Berechtigung — die udev-Regel
  {rule}
in {file} eintragen, `{command}` ausführen, dann den Drucker aus- und wieder einstecken</translation>
    </message>
    <message>
        <source>maker and model unreadable: {error}</source>
        <translation>Hersteller und Modell nicht lesbar: {error}</translation>
    </message>
    <message>
        <source>USB devices cannot be listed: {error}</source>
        <translation>USB-Geräte können nicht aufgelistet werden: {error}</translation>
    </message>
    <message>
        <source>type e.g. 192.168.1.0/24 or 192.168.1.20-192.168.1.80</source>
        <translation>z. B. 192.168.1.0/24 oder 192.168.1.20-192.168.1.80 eingeben</translation>
    </message>
    <message>
        <source>{address!r}: the port must be a number from 1 to 65535, not {port!r}</source>
        <translation>{address!r}: der Port muss eine Zahl von 1 bis 65535 sein, nicht {port!r}</translation>
    </message>
    <message>
        <source>{address!r} is not an address: write [IPv6]:port</source>
        <translation>{address!r} ist keine Adresse: schreiben Sie [IPv6]:Port</translation>
    </message>
    <message>
        <source>{address!r} is not a printer address: type its IP address or host name, e.g. 192.168.1.50 or 192.168.1.50:9100</source>
        <translation>{address!r} ist keine Druckeradresse: geben Sie seine IP-Adresse oder seinen Hostnamen ein, z. B. 192.168.1.50 oder 192.168.1.50:9100</translation>
    </message>
    <message>
        <source>{text!r} is not an address range: {example}</source>
        <translation>{text!r} ist kein Adressbereich: {example}</translation>
    </message>
    <message>
        <source>{text!r}: both ends must be IPv4 or both IPv6</source>
        <translation>{text!r}: beide Enden müssen IPv4 oder beide IPv6 sein</translation>
    </message>
    <message>
        <source>{text!r}: the range ends before it starts</source>
        <translation>{text!r}: der Bereich endet, bevor er beginnt</translation>
    </message>
    <message>
        <source>{text!r} has {count} addresses; a scan covers at most {most}: type the printers&apos; part of the network, e.g. 192.168.1.0/24</source>
        <translation>{text!r} hat {count} Adressen; eine Suche umfasst höchstens {most}: geben Sie den Teil des Netzes mit den Druckern ein, z. B. 192.168.1.0/24</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>no answer to status (may still print)</source>
        <translation>keine Antwort auf die Statusabfrage (druckt vielleicht trotzdem)</translation>
    </message>
    <message>
        <source>ready, paper low</source>
        <translation>bereit, Papier fast leer</translation>
    </message>
    <message>
        <source>error ({detail})</source>
        <translation>Fehler ({detail})</translation>
    </message>
    <message>
        <source>{address}: {state}</source>
        <translation>{address}: {state}</translation>
    </message>
    <message>
        <source>no answer within {seconds:g} s (is it switched on and connected, and is the address right?)</source>
        <translation>keine Antwort innerhalb von {seconds:g} s (ist er eingeschaltet und angeschlossen, und stimmt die Adresse?)</translation>
    </message>
    <message>
        <source>{host!r} is not a known host name or IP address</source>
        <translation>{host!r} ist kein bekannter Hostname und keine IP-Adresse</translation>
    </message>
    <message>
        <source>the connection was refused (is the port right? printers use 9100)</source>
        <translation>die Verbindung wurde abgelehnt (stimmt der Port? Drucker nutzen 9100)</translation>
    </message>
    <message>
        <source>{n} printer found</source>
        <translation>{n} Drucker gefunden</translation>
    </message>
    <message>
        <source>{n} printers found</source>
        <translation>{n} Drucker gefunden</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>keiner gefunden</translation>
    </message>
    <message>
        <source>scan cancelled after {scanned} of {total} addresses: {found}</source>
        <translation>Suche abgebrochen nach {scanned} von {total} Adressen: {found}</translation>
    </message>
    <message>
        <source>no printer answered on port {port} in {range}</source>
        <translation>kein Drucker hat auf Port {port} in {range} geantwortet</translation>
    </message>
    <message>
        <source>{found} on port {port} in {range}</source>
        <translation>{found} auf Port {port} in {range}</translation>
    </message>
    <message>
        <source>{model} (any ESC/POS printer)</source>
        <translation>{model} (jeder ESC/POS-Drucker)</translation>
    </message>
    <message>
        <source>{model} — {mm} mm, {columns} columns</source>
        <translation>{model} — {mm} mm, {columns} Spalten</translation>
    </message>
    <message>
        <source>unknown printer model {name!r} (the models: {known})</source>
        <translation>unbekanntes Druckermodell {name!r} (die Modelle: {known})</translation>
    </message>
</context>
<context>
    <name>AdminArea</name>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Set-up wizard</source>
        <translation>Einrichtungsassistent</translation>
    </message>
    <message>
        <source>Pairing and devices</source>
        <translation>Koppeln und Geräte</translation>
    </message>
    <message>
        <source>Restart KDS now</source>
        <translation>KDS jetzt neu starten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>No admin PIN is set: anyone can open this area. Set one on the set-up wizard&apos;s last page (or with: kds admin set-pin).</source>
        <translation>Keine Admin-PIN gesetzt: jeder kann diesen Bereich öffnen. Setzen Sie eine auf der letzten Seite des Einrichtungsassistenten (oder mit: kds admin set-pin).</translation>
    </message>
    <message>
        <source>Saved to {path}. Restart KDS to use the new settings.</source>
        <translation>Gespeichert in {path}. Starten Sie KDS neu, um die neuen Einstellungen zu verwenden.</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>Pairing and devices</source>
        <translation>Koppeln und Geräte</translation>
    </message>
    <message>
        <source>New pairing code</source>
        <translation>Neuer Kopplungscode</translation>
    </message>
    <message>
        <source>On the new device, choose “Join as a sub-terminal” in the set-up and type this code. It works once.</source>
        <translation>Wählen Sie auf dem neuen Gerät in der Einrichtung „Als Unterterminal beitreten“ und tippen Sie diesen Code. Er gilt einmal.</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Liste aktualisieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Devices of this kitchen</source>
        <translation>Geräte dieser Küche</translation>
    </message>
    <message>
        <source>On the new device, choose “Join as a sub-terminal” in the set-up and type this code. It works once, until {time}.</source>
        <translation>Wählen Sie auf dem neuen Gerät in der Einrichtung „Als Unterterminal beitreten“ und tippen Sie diesen Code. Er gilt einmal, bis {time}.</translation>
    </message>
    <message>
        <source>No code: {reason}</source>
        <translation>Kein Code: {reason}</translation>
    </message>
    <message>
        <source>asking the connector…</source>
        <translation>frage den Connector…</translation>
    </message>
    <message>
        <source>The list is not available: {reason}</source>
        <translation>Die Liste ist nicht verfügbar: {reason}</translation>
    </message>
    <message>
        <source>sales-point token</source>
        <translation>Token der Verkaufsstelle</translation>
    </message>
    <message>
        <source>own token</source>
        <translation>eigenes Token</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>{n} device(s)</source>
        <translation>{n} Gerät(e)</translation>
    </message>
    <message>
        <source>No device has connected yet.</source>
        <translation>Noch kein Gerät hat sich verbunden.</translation>
    </message>
    <message>
        <source>Revoke a device</source>
        <translation>Ein Gerät widerrufen</translation>
    </message>
    <message>
        <source>Revoke the token of {name}? It is disconnected at once and shows “token refused” until it is paired again with a new code.</source>
        <translation>Das Token von {name} widerrufen? Es wird sofort getrennt und zeigt „Token abgelehnt“, bis es mit einem neuen Code wieder gekoppelt ist.</translation>
    </message>
    <message>
        <source>revoking {name}…</source>
        <translation>widerrufe {name}…</translation>
    </message>
    <message>
        <source>{name} not revoked: {reason}</source>
        <translation>{name} nicht widerrufen: {reason}</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Admin PIN</source>
        <translation>Admin-PIN</translation>
    </message>
    <message>
        <source>Enter the admin PIN</source>
        <translation>Admin-PIN eingeben</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in {n} s</source>
        <translation>Zu viele falsche PINs: erneut in {n} s</translation>
    </message>
    <message>
        <source>Wrong PIN — {n} tries left</source>
        <translation>Falsche PIN — noch {n} Versuche</translation>
    </message>
    <message>
        <source>Too many</source>
        <translation>Zu viele</translation>
    </message>
</context>
</TS>
