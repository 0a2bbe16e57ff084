<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CampaignView</name>
    <message numerus="yes">
        <source>Late o&amp;utcomes: %n outcome(s) came after another desk had taken the user</source>
        <translation>
            <numerusform>Late o&amp;utcomes: %n outcome came after another desk had taken the user</numerusform>
            <numerusform>Late o&amp;utcomes: %n outcomes came after another desk had taken the user</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CountdownRing</name>
    <message numerus="yes">
        <source>%n second(s) until the code changes</source>
        <translation>
            <numerusform>%n second until the code changes</numerusform>
            <numerusform>%n seconds until the code changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HelpdeskOperations</name>
    <message numerus="yes">
        <source>Nobody has used this window for a while: in %n second(s) this user&apos;s details are wiped. Move the mouse or press a key to keep them.</source>
        <translation>
            <numerusform>Nobody has used this window for a while: in %n second this user&apos;s details are wiped. Move the mouse or press a key to keep them.</numerusform>
            <numerusform>Nobody has used this window for a while: in %n seconds this user&apos;s details are wiped. Move the mouse or press a key to keep them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrationWindow</name>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln user(s) shown</source>
        <translation>
            <numerusform>%1 of %Ln user shown</numerusform>
            <numerusform>%1 of %Ln users shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>An exact scan reads all %Ln user(s) one by one. AWS warns that per-user reads of a large pool can count towards monthly active users and affect the bill. Scan?</source>
        <translation>
            <numerusform>An exact scan reads all %Ln user one by one. AWS warns that per-user reads of a large pool can count towards monthly active users and affect the bill. Scan?</numerusform>
            <numerusform>An exact scan reads all %Ln users one by one. AWS warns that per-user reads of a large pool can count towards monthly active users and affect the bill. Scan?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln user(s), %2 a second</source>
        <translation>
            <numerusform>%1 of %Ln user, %2 a second</numerusform>
            <numerusform>%1 of %Ln users, %2 a second</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation>
            <numerusform>about %n second left</numerusform>
            <numerusform>about %n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cognito is slowing the scan down: %n request(s) refused as too many so far. The scan waits and tries again; nobody is skipped.</source>
        <translation>
            <numerusform>Cognito is slowing the scan down: %n request refused as too many so far. The scan waits and tries again; nobody is skipped.</numerusform>
            <numerusform>Cognito is slowing the scan down: %n requests refused as too many so far. The scan waits and tries again; nobody is skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scan complete: %Ln user(s).</source>
        <translation>
            <numerusform>Scan complete: %Ln user.</numerusform>
            <numerusform>Scan complete: %Ln users.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cognito slowed it down: %n request(s) were refused as too many and tried again.</source>
        <translation>
            <numerusform>Cognito slowed it down: %n request was refused as too many and tried again.</numerusform>
            <numerusform>Cognito slowed it down: %n requests were refused as too many and tried again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln user(s) written to %1</source>
        <translation>
            <numerusform>%Ln user written to %1</numerusform>
            <numerusform>%Ln users written to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fewer a day</source>
        <translation>
            <numerusform>%n fewer a day</numerusform>
            <numerusform>%n fewer a day</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RehearsalPage</name>
    <message numerus="yes">
        <source>Wait for the next code: the app shows a new one in %n second(s). The code used to verify is not used again.</source>
        <translation>
            <numerusform>Wait for the next code: the app shows a new one in %n second. The code used to verify is not used again.</numerusform>
            <numerusform>Wait for the next code: the app shows a new one in %n seconds. The code used to verify is not used again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecretPage</name>
    <message numerus="yes">
        <source>The setup key is on the clipboard for %n second(s), and is removed when this user is finished.</source>
        <translation>
            <numerusform>The setup key is on the clipboard for %n second, and is removed when this user is finished.</numerusform>
            <numerusform>The setup key is on the clipboard for %n seconds, and is removed when this user is finished.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionControl</name>
    <message numerus="yes">
        <source>%1 of %n user(s) still waiting</source>
        <translation>
            <numerusform>%1 of %n user still waiting</numerusform>
            <numerusform>%1 of %n users still waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Session %1 still has %n user(s) waiting.</source>
        <translation>
            <numerusform>Session %1 still has %n user waiting.</numerusform>
            <numerusform>Session %1 still has %n users waiting.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The current session (not saved) still has %n user(s) waiting.</source>
        <translation>
            <numerusform>The current session (not saved) still has %n user waiting.</numerusform>
            <numerusform>The current session (not saved) still has %n users waiting.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repeated username(s)</source>
        <translation>
            <numerusform>%n repeated username</numerusform>
            <numerusform>%n repeated usernames</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n blank line(s)</source>
        <translation>
            <numerusform>%n blank line</numerusform>
            <numerusform>%n blank lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamControl</name>
    <message numerus="yes">
        <source>The campaign table cannot be reached: finish this user; %n outcome(s) kept; no new users until it is back.</source>
        <translation>
            <numerusform>The campaign table cannot be reached: finish this user; %n outcome kept; no new users until it is back.</numerusform>
            <numerusform>The campaign table cannot be reached: finish this user; %n outcomes kept; no new users until it is back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The campaign table cannot be reached: %n outcome(s) kept; no new users until it is back.</source>
        <translation>
            <numerusform>The campaign table cannot be reached: %n outcome kept; no new users until it is back.</numerusform>
            <numerusform>The campaign table cannot be reached: %n outcomes kept; no new users until it is back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamPanel</name>
    <message numerus="yes">
        <source>%n user(s): %1 finished, %2 waiting, %3 in progress.</source>
        <translation>
            <numerusform>%n user: %1 finished, %2 waiting, %3 in progress.</numerusform>
            <numerusform>%n users: %1 finished, %2 waiting, %3 in progress.</numerusform>
        </translation>
    </message>
</context>
</TS>
