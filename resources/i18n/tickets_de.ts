<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>tickets</name>
    <message>
        <source>ADDED:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALCOHOL: ID CHECK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALLERGENS: {allergens}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALLERGY: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ASAP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BACKUP FOR {printer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Big</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHANGED:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODE PAGE TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CURBSIDE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code page: {codepage}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy {copy}/{copies}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course {course}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DELIVERY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DINE IN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRIVE THRU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not make:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does this look like the screen?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you have no #{number} {what}, reprint it from the order's card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite friends with code {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LATE: #{number} above was held in the printer {since}–{until} ({problem}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT PAID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOTE: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No: try the next code page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order {id} (rev {revision})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PICKUP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper {width} mm, {columns} columns, font {font}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REMOVED:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seat {seat}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEST ORDER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEST PAGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOBACCO: ID CHECK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table {table}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VOID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes: keep {codepage}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cover open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paper low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paper out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>void slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{guests} guests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{template} ticket</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
