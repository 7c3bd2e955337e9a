<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>tickets</name>
    <message>
        <source>ADDED:</source>
        <translation>AJOUTÉ :</translation>
    </message>
    <message>
        <source>AGE: ID CHECK</source>
        <translation>ÂGE : CONTRÔLE D'IDENTITÉ</translation>
    </message>
    <message>
        <source>ALCOHOL: ID CHECK</source>
        <translation>ALCOOL : CONTRÔLE D'IDENTITÉ</translation>
    </message>
    <message>
        <source>ALLERGENS: {allergens}</source>
        <translation>ALLERGÈNES : {allergens}</translation>
    </message>
    <message>
        <source>ALLERGY: {note}</source>
        <translation>ALLERGIE : {note}</translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation>DÈS QUE POSSIBLE</translation>
    </message>
    <message>
        <source>BACKUP FOR {printer}</source>
        <translation>SECOURS POUR {printer}</translation>
    </message>
    <message>
        <source>Big</source>
        <translation>Grand</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Gras</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>ANNULÉE</translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation>MODIFICATION</translation>
    </message>
    <message>
        <source>CHANGED:</source>
        <translation>MODIFIÉ :</translation>
    </message>
    <message>
        <source>CODE PAGE TEST</source>
        <translation>TEST DE PAGE DE CODE</translation>
    </message>
    <message>
        <source>CURBSIDE</source>
        <translation>RETRAIT EN VOITURE</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Centered</source>
        <translation>Centré</translation>
    </message>
    <message>
        <source>Code page: {codepage}</source>
        <translation>Page de code : {codepage}</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>Code {code}</translation>
    </message>
    <message>
        <source>Copy {copy}/{copies}</source>
        <translation>Copie {copy}/{copies}</translation>
    </message>
    <message>
        <source>Course {course}</source>
        <translation>Service {course}</translation>
    </message>
    <message>
        <source>DELIVERY</source>
        <translation>LIVRAISON</translation>
    </message>
    <message>
        <source>DINE IN</source>
        <translation>SUR PLACE</translation>
    </message>
    <message>
        <source>DRIVE THRU</source>
        <translation>DRIVE</translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation>Frais de livraison</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Do not make:</source>
        <translation>Ne pas préparer :</translation>
    </message>
    <message>
        <source>Does this look like the screen?</source>
        <translation>Est-ce comme à l'écran ?</translation>
    </message>
    <message>
        <source>Double height</source>
        <translation>Double hauteur</translation>
    </message>
    <message>
        <source>Double width</source>
        <translation>Double largeur</translation>
    </message>
    <message>
        <source>Due {time}</source>
        <translation>Pour {time}</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>ven.</translation>
    </message>
    <message>
        <source>If you have no #{number} {what}, reprint it from the order's card.</source>
        <translation>S'il vous manque #{number} ({what}), réimprimez-le depuis la carte de la commande.</translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation>Inversé</translation>
    </message>
    <message>
        <source>Invite friends with code {code}</source>
        <translation>Invitez vos amis avec le code {code}</translation>
    </message>
    <message>
        <source>LATE</source>
        <translation>EN RETARD</translation>
    </message>
    <message>
        <source>LATE: #{number} above was held in the printer {since}–{until} ({problem}).</source>
        <translation>EN RETARD : #{number} ci-dessus est resté dans l'imprimante de {since} à {until} ({problem}).</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Fidélité</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>lun.</translation>
    </message>
    <message>
        <source>NO {label}</source>
        <translation>SANS {label}</translation>
    </message>
    <message>
        <source>NOT PAID</source>
        <translation>NON PAYÉ</translation>
    </message>
    <message>
        <source>NOTE: {note}</source>
        <translation>NOTE : {note}</translation>
    </message>
    <message>
        <source>No: try the next code page.</source>
        <translation>Non : essayez la page de code suivante.</translation>
    </message>
    <message>
        <source>Order {id} (rev {revision})</source>
        <translation>Commande {id} (version {revision})</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>PAYÉ</translation>
    </message>
    <message>
        <source>PICKUP</source>
        <translation>À EMPORTER</translation>
    </message>
    <message>
        <source>Paper {width} mm, {columns} columns, font {font}</source>
        <translation>Papier {width} mm, {columns} colonnes, police {font}</translation>
    </message>
    <message>
        <source>Points before</source>
        <translation>Points avant</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Points gagnés</translation>
    </message>
    <message>
        <source>Points now</source>
        <translation>Points maintenant</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>Points utilisés</translation>
    </message>
    <message>
        <source>Printed {time}</source>
        <translation>Imprimé {time}</translation>
    </message>
    <message>
        <source>REMOVED:</source>
        <translation>RETIRÉ :</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>RÉIMPRESSION</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motif : {reason}</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sam.</translation>
    </message>
    <message>
        <source>Seat {seat}</source>
        <translation>Place {seat}</translation>
    </message>
    <message>
        <source>Start {time}</source>
        <translation>Début {time}</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dim.</translation>
    </message>
    <message>
        <source>TEST ORDER</source>
        <translation>COMMANDE DE TEST</translation>
    </message>
    <message>
        <source>TEST PAGE</source>
        <translation>PAGE DE TEST</translation>
    </message>
    <message>
        <source>TOBACCO: ID CHECK</source>
        <translation>TABAC : CONTRÔLE D'IDENTITÉ</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Table {table}</source>
        <translation>Table {table}</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Merci !</translation>
    </message>
    <message>
        <source>The order was changed.</source>
        <translation>La commande a été modifiée.</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jeu.</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Pourboire</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar.</translation>
    </message>
    <message>
        <source>USB devices cannot be listed: {error}</source>
        <translation>impossible de lister les périphériques USB : {error}</translation>
    </message>
    <message>
        <source>USB printer {ids}</source>
        <translation>imprimante USB {ids}</translation>
    </message>
    <message>
        <source>VOID</source>
        <translation>ANNULATION</translation>
    </message>
    <message>
        <source>Wallet before</source>
        <translation>Cagnotte avant</translation>
    </message>
    <message>
        <source>Wallet now</source>
        <translation>Cagnotte maintenant</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mer.</translation>
    </message>
    <message>
        <source>Yes: keep {codepage}.</source>
        <translation>Oui : garder {codepage}.</translation>
    </message>
    <message>
        <source>allergens: {before} → {after}</source>
        <translation>allergènes : {before} → {after}</translation>
    </message>
    <message>
        <source>allergy note: {text}</source>
        <translation>note allergie : {text}</translation>
    </message>
    <message>
        <source>auto-recoverable error</source>
        <translation>erreur récupérable automatiquement</translation>
    </message>
    <message>
        <source>autocutter error</source>
        <translation>erreur du massicot</translation>
    </message>
    <message>
        <source>change slip</source>
        <translation>bon de modification</translation>
    </message>
    <message>
        <source>course: {before} → {after}</source>
        <translation>service : {before} → {after}</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>capot ouvert</translation>
    </message>
    <message>
        <source>cutlery note: {text}</source>
        <translation>note couverts : {text}</translation>
    </message>
    <message>
        <source>cutlery: {before} → {after}</source>
        <translation>couverts : {before} → {after}</translation>
    </message>
    <message>
        <source>delivery address changed</source>
        <translation>adresse de livraison modifiée</translation>
    </message>
    <message>
        <source>delivery note: {text}</source>
        <translation>note livraison : {text}</translation>
    </message>
    <message>
        <source>due: {before} → {after}</source>
        <translation>pour : {before} → {after}</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>error ({detail})</source>
        <translation>erreur ({detail})</translation>
    </message>
    <message>
        <source>error occurred</source>
        <translation>une erreur est survenue</translation>
    </message>
    <message>
        <source>garbled status ({answers})</source>
        <translation>état illisible ({answers})</translation>
    </message>
    <message>
        <source>guests: {before} → {after}</source>
        <translation>couverts : {before} → {after}</translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation>dont TVA</translation>
    </message>
    <message>
        <source>internal error (see the log)</source>
        <translation>erreur interne (voir le journal)</translation>
    </message>
    <message>
        <source>it answers again</source>
        <translation>elle réponde de nouveau</translation>
    </message>
    <message>
        <source>it is back online</source>
        <translation>elle soit de nouveau en ligne</translation>
    </message>
    <message>
        <source>it works again</source>
        <translation>elle fonctionne de nouveau</translation>
    </message>
    <message>
        <source>kitchen note: {text}</source>
        <translation>note cuisine : {text}</translation>
    </message>
    <message>
        <source>libusb-1.0 is not installed: apt-get install libusb-1.0-0</source>
        <translation>libusb-1.0 n'est pas installé : apt-get install libusb-1.0-0</translation>
    </message>
    <message>
        <source>maker and model unreadable: {error}</source>
        <translation>fabricant et modèle illisibles : {error}</translation>
    </message>
    <message>
        <source>name: {before} → {after}</source>
        <translation>nom : {before} → {after}</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>no USB printers found</source>
        <translation>aucune imprimante USB trouvée</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <source>no answer to status (may still print)</source>
        <translation>pas de réponse à la demande d'état (peut quand même imprimer)</translation>
    </message>
    <message>
        <source>no answer within {seconds:g} s (is it switched on and connected, and is the address right?)</source>
        <translation>pas de réponse en {seconds:g} s (est-elle allumée et branchée, et l'adresse est-elle juste ?)</translation>
    </message>
    <message>
        <source>no permission — add the udev rule
  {rule}
to {file}, run `{command}`, then unplug and replug the printer</source>
        <translation>pas d'autorisation — ajoutez la règle udev
  {rule}
à {file}, lancez `{command}`, puis débranchez et rebranchez l'imprimante</translation>
    </message>
    <message>
        <source>no printer answered on port {port} in {range}</source>
        <translation>aucune imprimante n'a répondu sur le port {port} dans {range}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>aucune trouvée</translation>
    </message>
    <message>
        <source>not reachable: {reason}</source>
        <translation>injoignable : {reason}</translation>
    </message>
    <message>
        <source>note removed: {text}</source>
        <translation>note retirée : {text}</translation>
    </message>
    <message>
        <source>note: {text}</source>
        <translation>note : {text}</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>order note: {text}</source>
        <translation>note commande : {text}</translation>
    </message>
    <message>
        <source>other note: {text}</source>
        <translation>autre note : {text}</translation>
    </message>
    <message>
        <source>paper being fed by the feed button</source>
        <translation>papier avancé par le bouton d'avance</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>papier presque épuisé</translation>
    </message>
    <message>
        <source>paper near end</source>
        <translation>papier bientôt épuisé</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>plus de papier</translation>
    </message>
    <message>
        <source>paper roll end</source>
        <translation>fin du rouleau de papier</translation>
    </message>
    <message>
        <source>prepare at: {before} → {after}</source>
        <translation>préparer à : {before} → {after}</translation>
    </message>
    <message>
        <source>price: {before} → {after}</source>
        <translation>prix : {before} → {after}</translation>
    </message>
    <message>
        <source>quantity {before} → {after}</source>
        <translation>quantité {before} → {after}</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>prête</translation>
    </message>
    <message>
        <source>ready, paper low</source>
        <translation>prête, papier presque épuisé</translation>
    </message>
    <message>
        <source>removed allergy note: {text}</source>
        <translation>note allergie retirée : {text}</translation>
    </message>
    <message>
        <source>removed cutlery note: {text}</source>
        <translation>note couverts retirée : {text}</translation>
    </message>
    <message>
        <source>removed delivery note: {text}</source>
        <translation>note livraison retirée : {text}</translation>
    </message>
    <message>
        <source>removed kitchen note: {text}</source>
        <translation>note cuisine retirée : {text}</translation>
    </message>
    <message>
        <source>removed order note: {text}</source>
        <translation>note commande retirée : {text}</translation>
    </message>
    <message>
        <source>removed other note: {text}</source>
        <translation>autre note retirée : {text}</translation>
    </message>
    <message>
        <source>restriction removed: {text}</source>
        <translation>restriction retirée : {text}</translation>
    </message>
    <message>
        <source>restriction: {text}</source>
        <translation>restriction : {text}</translation>
    </message>
    <message>
        <source>scan cancelled after {scanned} of {total} addresses: {found}</source>
        <translation>recherche annulée après {scanned} adresses sur {total} : {found}</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>programmée</translation>
    </message>
    <message>
        <source>seat: {before} → {after}</source>
        <translation>place : {before} → {after}</translation>
    </message>
    <message>
        <source>stopped at paper end</source>
        <translation>arrêtée en fin de papier</translation>
    </message>
    <message>
        <source>table: {before} → {after}</source>
        <translation>table : {before} → {after}</translation>
    </message>
    <message>
        <source>the connection was refused (is the port right? printers use 9100)</source>
        <translation>la connexion a été refusée (le port est-il juste ? les imprimantes utilisent 9100)</translation>
    </message>
    <message>
        <source>the cover is closed</source>
        <translation>le capot soit fermé</translation>
    </message>
    <message>
        <source>the paper is refilled</source>
        <translation>le papier soit remis</translation>
    </message>
    <message>
        <source>type e.g. 192.168.1.0/24 or 192.168.1.20-192.168.1.80</source>
        <translation>saisissez p. ex. 192.168.1.0/24 ou 192.168.1.20-192.168.1.80</translation>
    </message>
    <message>
        <source>type: {before} → {after}</source>
        <translation>type : {before} → {after}</translation>
    </message>
    <message>
        <source>unknown printer model {name!r} (the models: {known})</source>
        <translation>modèle d'imprimante inconnu {name!r} (les modèles : {known})</translation>
    </message>
    <message>
        <source>unrecoverable error</source>
        <translation>erreur irrécupérable</translation>
    </message>
    <message>
        <source>variant: {before} → {after}</source>
        <translation>variante : {before} → {after}</translation>
    </message>
    <message>
        <source>void slip</source>
        <translation>bon d'annulation</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>{address!r} is not a printer address: type its IP address or host name, e.g. 192.168.1.50 or 192.168.1.50:9100</source>
        <translation>{address!r} n'est pas une adresse d'imprimante : saisissez son adresse IP ou son nom d'hôte, p. ex. 192.168.1.50 ou 192.168.1.50:9100</translation>
    </message>
    <message>
        <source>{address!r} is not an address: write [IPv6]:port</source>
        <translation>{address!r} n'est pas une adresse : écrivez [IPv6]:port</translation>
    </message>
    <message>
        <source>{address!r}: the port must be a number from 1 to 65535, not {port!r}</source>
        <translation>{address!r} : le port doit être un nombre de 1 à 65535, pas {port!r}</translation>
    </message>
    <message>
        <source>{address}: {state}</source>
        <translation>{address} : {state}</translation>
    </message>
    <message>
        <source>{found} on port {port} in {range}</source>
        <translation>{found} sur le port {port} dans {range}</translation>
    </message>
    <message>
        <source>{guests} guests</source>
        <translation>{guests} couverts</translation>
    </message>
    <message>
        <source>{host!r} is not a known host name or IP address</source>
        <translation>{host!r} n'est ni un nom d'hôte connu ni une adresse IP</translation>
    </message>
    <message>
        <source>{model} (any ESC/POS printer)</source>
        <translation>{model} (toute imprimante ESC/POS)</translation>
    </message>
    <message>
        <source>{model} — {mm} mm, {columns} columns</source>
        <translation>{model} — {mm} mm, {columns} colonnes</translation>
    </message>
    <message>
        <source>{name}: not checked yet</source>
        <translation>{name} : pas encore vérifiée</translation>
    </message>
    <message>
        <source>{name}: ready</source>
        <translation>{name} : prête</translation>
    </message>
    <message>
        <source>{name}: sent, not confirmed (printer gives no status)</source>
        <translation>{name} : envoyé, non confirmé (l'imprimante ne donne pas d'état)</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name} : {problem}</translation>
    </message>
    <message>
        <source>{name}: {problem} since {time}</source>
        <translation>{name} : {problem} depuis {time}</translation>
    </message>
    <message>
        <source>{n} USB printer found</source>
        <translation>{n} imprimante USB trouvée</translation>
    </message>
    <message>
        <source>{n} USB printers found</source>
        <translation>{n} imprimantes USB trouvées</translation>
    </message>
    <message>
        <source>{n} printer found</source>
        <translation>{n} imprimante trouvée</translation>
    </message>
    <message>
        <source>{n} printers found</source>
        <translation>{n} imprimantes trouvées</translation>
    </message>
    <message>
        <source>{n} ticket</source>
        <translation>{n} ticket</translation>
    </message>
    <message>
        <source>{n} tickets</source>
        <translation>{n} tickets</translation>
    </message>
    <message>
        <source>{printer} ({detail})</source>
        <translation>{printer} ({detail})</translation>
    </message>
    <message>
        <source>{printer} holds #{number} until {until}</source>
        <translation>{printer} garde #{number} jusqu'à ce que {until}</translation>
    </message>
    <message>
        <source>{printer}: {problem}</source>
        <translation>{printer} : {problem}</translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation>ticket {template}</translation>
    </message>
    <message>
        <source>{text!r} has {count} addresses; a scan covers at most {most}: type the printers' part of the network, e.g. 192.168.1.0/24</source>
        <translation>{text!r} compte {count} adresses ; une recherche en couvre au plus {most} : saisissez la partie du réseau où sont les imprimantes, p. ex. 192.168.1.0/24</translation>
    </message>
    <message>
        <source>{text!r} is not an address range: {example}</source>
        <translation>{text!r} n'est pas une plage d'adresses : {example}</translation>
    </message>
    <message>
        <source>{text!r}: both ends must be IPv4 or both IPv6</source>
        <translation>{text!r} : les deux bornes doivent être en IPv4 ou toutes deux en IPv6</translation>
    </message>
    <message>
        <source>{text!r}: the range ends before it starts</source>
        <translation>{text!r} : la plage se termine avant de commencer</translation>
    </message>
    <message>
        <source>{text} (going to {backup})</source>
        <translation>{text} (envoyés à {backup})</translation>
    </message>
    <message>
        <source>{text}, {tickets} waiting</source>
        <translation>{text}, {tickets} en attente</translation>
    </message>
    <message>
        <source>{text}; {tickets} could not be laid out (see the log)</source>
        <translation>{text} ; {tickets} n'ont pas pu être mis en page (voir le journal)</translation>
    </message>
    <message>
        <source>{title} — usb {ids}</source>
        <translation>{title} — USB {ids}</translation>
    </message>
    <message>
        <source>{title} — usb {ids}, bus {bus} device {address}</source>
        <translation>{title} — USB {ids}, bus {bus} périphérique {address}</translation>
    </message>
</context>
</TS>
