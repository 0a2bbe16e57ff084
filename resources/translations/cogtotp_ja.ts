<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AuthenticatorEntry</name>
    <message>
        <source>Authenticator code for %1</source>
        <translation>%1 の認証アプリのコード</translation>
    </message>
    <message>
        <source>Just added</source>
        <translation>追加したばかり</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Working</source>
        <translation>処理中</translation>
    </message>
</context>
<context>
    <name>BusyText</name>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>サインインしています…</translation>
    </message>
    <message>
        <source>Asking Cognito to send a new code…</source>
        <translation>新しいコードの送信を Cognito に依頼しています…</translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation>コードを確認しています…</translation>
    </message>
    <message>
        <source>Setting the new password…</source>
        <translation>新しいパスワードを設定しています…</translation>
    </message>
    <message>
        <source>Checking the authenticator code…</source>
        <translation>認証アプリのコードを確認しています…</translation>
    </message>
    <message>
        <source>Creating a new QR code…</source>
        <translation>新しい QR コードを作成しています…</translation>
    </message>
    <message>
        <source>Verifying the code and switching to the authenticator app…</source>
        <translation>コードを確認し、認証アプリに切り替えています…</translation>
    </message>
    <message>
        <source>Resetting the lost authenticator and signing the user in again…</source>
        <translation>紛失した認証アプリをリセットし、ユーザーをもう一度サインインさせています…</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>処理しています…</translation>
    </message>
</context>
<context>
    <name>CampaignView</name>
    <message>
        <source>Team campaign</source>
        <translation>チームキャンペーン</translation>
    </message>
    <message>
        <source>&amp;Campaign:</source>
        <translation>キャンペーン(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>テーブル(&amp;T):</translation>
    </message>
    <message>
        <source>Campaign name</source>
        <translation>キャンペーン名</translation>
    </message>
    <message>
        <source>DynamoDB table</source>
        <translation>DynamoDB テーブル</translation>
    </message>
    <message>
        <source>e.g. spring-migration</source>
        <translation>例: spring-migration</translation>
    </message>
    <message>
        <source>e.g. cogtotp-campaigns</source>
        <translation>例: cogtotp-campaigns</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>Show this campaign&apos;s progress (Enter)</source>
        <translation>このキャンペーンの進み具合を表示します (Enter)</translation>
    </message>
    <message>
        <source>Users per &amp;state</source>
        <translation>状態ごとのユーザー数(&amp;S)</translation>
    </message>
    <message>
        <source>Users per state</source>
        <translation>状態ごとのユーザー数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>ユーザー数</translation>
    </message>
    <message>
        <source>Per o&amp;perator</source>
        <translation>オペレーター別(&amp;P)</translation>
    </message>
    <message>
        <source>Users finished per operator</source>
        <translation>オペレーター別の完了ユーザー数</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>A day</source>
        <translation>1 日あたり</translation>
    </message>
    <message>
        <source>Burn-down: users left over the days</source>
        <translation>バーンダウン: 日ごとの残りユーザー数</translation>
    </message>
    <message>
        <source>Users left</source>
        <translation>残りユーザー</translation>
    </message>
    <message>
        <source>Finished a day</source>
        <translation>1 日の完了数</translation>
    </message>
    <message>
        <source>The burn-down appears once the team has finished its first users.</source>
        <translation>チームが最初のユーザーを完了すると、バーンダウンが表示されます。</translation>
    </message>
    <message>
        <source>Late outcomes</source>
        <translation>遅れて届いた結果</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the campaign&apos;s counters now (F5); they are also read every %1 seconds</source>
        <translation>キャンペーンの集計を今すぐ読み込みます (F5)。%1 秒ごとにも読み込みます</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>閉じる(&amp;L)</translation>
    </message>
    <message>
        <source>Campaign message</source>
        <translation>キャンペーンのメッセージ</translation>
    </message>
    <message>
        <source>Team campaign %1</source>
        <translation>チームキャンペーン %1</translation>
    </message>
    <message>
        <source>Type the campaign&apos;s name and its table&apos;s name, then press Enter.</source>
        <translation>キャンペーン名とテーブル名を入力して Enter を押してください。</translation>
    </message>
    <message>
        <source>Late o&amp;utcomes: none</source>
        <translation>遅れて届いた結果(&amp;U): なし</translation>
    </message>
    <message>
        <source>%1 users: %2 finished, %3 left (%4 in progress).</source>
        <translation>ユーザー %1 人: 完了 %2 人、残り %3 人 (作業中 %4 人)。</translation>
    </message>
    <message>
        <source>The campaign is closed.</source>
        <translation>このキャンペーンは終了しています。</translation>
    </message>
    <message numerus="yes">
        <source>Late o&amp;utcomes: %n outcome(s) came after another desk had taken the user</source>
        <translation>
            <numerusform>遅れて届いた結果(&amp;U): 別のデスクがユーザーを引き継いだ後に届いた結果が %n 件あります</numerusform>
        </translation>
    </message>
    <message>
        <source>Updated at %1; next in %2 s</source>
        <translation>%1 に更新。次の更新は %2 秒後</translation>
    </message>
    <message>
        <source>Updated at %1</source>
        <translation>%1 に更新</translation>
    </message>
    <message>
        <source>No users in the campaign yet.</source>
        <translation>このキャンペーンにはまだユーザーがいません。</translation>
    </message>
    <message>
        <source>Every user has an outcome.</source>
        <translation>すべてのユーザーの結果が出ています。</translation>
    </message>
    <message>
        <source>No estimated finish yet: the pace is known once the team has worked for a while.</source>
        <translation>完了予定日はまだ出せません。チームがしばらく作業すると、ペースがわかります。</translation>
    </message>
    <message>
        <source>Estimated finish: %1, at the current pace of %2 users a day.</source>
        <translation>完了予定日: %1 (現在のペース: 1 日 %2 人)。</translation>
    </message>
    <message>
        <source>Type the campaign&apos;s name and its table&apos;s name.</source>
        <translation>キャンペーン名とテーブル名を入力してください。</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>late outcome “%1” from %2</source>
        <translation>%2 から遅れて届いた結果「%1」</translation>
    </message>
    <message>
        <source>the earlier outcome “%1” was kept</source>
        <translation>先の結果「%1」を残しました</translation>
    </message>
    <message>
        <source>%1 was working with the user</source>
        <translation>%1 が作業中でした</translation>
    </message>
    <message>
        <source>; </source>
        <translation>。</translation>
    </message>
    <message>
        <source>The campaign could not be read.</source>
        <translation>キャンペーンを読み込めませんでした。</translation>
    </message>
    <message>
        <source>Try again; if it keeps failing, show IT the details.</source>
        <translation>もう一度試してください。失敗が続く場合は、詳細を IT 部門に見せてください。</translation>
    </message>
    <message>
        <source>The figures below are from the last successful read.</source>
        <translation>下の数値は、最後に読み込めたときのものです。</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>&amp;Keep going</source>
        <translation>続ける(&amp;K)</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>Confirm with the authenticator app</source>
        <translation>認証アプリで確認</translation>
    </message>
    <message>
        <source>The user types the 6-digit code the app shows now. This proves the scan worked.</source>
        <translation>アプリに今表示されている 6 桁のコードをユーザーが入力します。これでスキャンできたことを確かめます。</translation>
    </message>
    <message>
        <source>&amp;Verify and finish</source>
        <translation>確認して完了(&amp;V)</translation>
    </message>
    <message>
        <source>for example: Work phone</source>
        <translation>例: 仕事用スマートフォン</translation>
    </message>
    <message>
        <source>Authenticator &amp;code:</source>
        <translation>認証アプリのコード(&amp;C):</translation>
    </message>
    <message>
        <source>Code from the authenticator app</source>
        <translation>認証アプリのコード</translation>
    </message>
    <message>
        <source>&amp;Device name (optional):</source>
        <translation>デバイス名(&amp;D) (任意):</translation>
    </message>
    <message>
        <source>Device name, optional</source>
        <translation>デバイス名 (任意)</translation>
    </message>
    <message>
        <source>A name for the phone, shown to administrators in Cognito</source>
        <translation>Cognito で管理者に表示されるスマートフォンの名前</translation>
    </message>
    <message>
        <source>The code changes every 30 seconds. If it is about to change, wait for the next one.</source>
        <translation>コードは 30 秒ごとに変わります。切り替わる直前なら、次のコードを待ってください。</translation>
    </message>
    <message>
        <source>If the code looked right, check the phone&apos;s clock: authenticator codes depend on the time, so the date and time should be set automatically.</source>
        <translation>コードが正しく見える場合は、スマートフォンの時計を確認してください。認証アプリのコードは時刻をもとに作られるため、日付と時刻は自動設定にしておく必要があります。</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <source>only if the app client has one</source>
        <translation>アプリクライアントにある場合のみ</translation>
    </message>
    <message>
        <source>&amp;User sign-in: no AWS credentials needed</source>
        <translation>ユーザーサインイン(&amp;U): AWS 認証情報は不要</translation>
    </message>
    <message>
        <source>&amp;Admin sign-in: uses your AWS credentials</source>
        <translation>管理者サインイン(&amp;A): あなたの AWS 認証情報を使用</translation>
    </message>
    <message>
        <source>User sign-in, no AWS credentials needed</source>
        <translation>ユーザーサインイン、AWS 認証情報は不要</translation>
    </message>
    <message>
        <source>Admin sign-in, uses your AWS credentials</source>
        <translation>管理者サインイン、あなたの AWS 認証情報を使用</translation>
    </message>
    <message>
        <source>default credentials</source>
        <translation>既定の認証情報</translation>
    </message>
    <message>
        <source>AWS (leave empty)</source>
        <translation>AWS (空欄のまま)</translation>
    </message>
    <message>
        <source>User &amp;pool ID:</source>
        <translation>ユーザープール ID(&amp;P):</translation>
    </message>
    <message>
        <source>User pool ID</source>
        <translation>ユーザープール ID</translation>
    </message>
    <message>
        <source>App &amp;client ID:</source>
        <translation>アプリクライアント ID(&amp;C):</translation>
    </message>
    <message>
        <source>App client ID</source>
        <translation>アプリクライアント ID</translation>
    </message>
    <message>
        <source>C&amp;lient secret:</source>
        <translation>クライアントシークレット(&amp;L):</translation>
    </message>
    <message>
        <source>App client secret</source>
        <translation>アプリクライアントのシークレット</translation>
    </message>
    <message>
        <source>Sign-in mode:</source>
        <translation>サインイン方式:</translation>
    </message>
    <message>
        <source>A&amp;WS profile:</source>
        <translation>AWS プロファイル(&amp;W):</translation>
    </message>
    <message>
        <source>AWS profile for admin sign-in</source>
        <translation>管理者サインインに使う AWS プロファイル</translation>
    </message>
    <message>
        <source>&amp;Issuer name:</source>
        <translation>発行者名(&amp;I):</translation>
    </message>
    <message>
        <source>Issuer name shown in the authenticator app</source>
        <translation>認証アプリに表示される発行者名</translation>
    </message>
    <message>
        <source>&amp;Region (optional):</source>
        <translation>リージョン(&amp;R) (任意):</translation>
    </message>
    <message>
        <source>Region, optional</source>
        <translation>リージョン (任意)</translation>
    </message>
    <message>
        <source>Endp&amp;oint URL (optional):</source>
        <translation>エンドポイント URL(&amp;O) (任意):</translation>
    </message>
    <message>
        <source>Endpoint URL, optional</source>
        <translation>エンドポイント URL (任意)</translation>
    </message>
    <message>
        <source>Only if the app client has one</source>
        <translation>アプリクライアントにある場合のみ</translation>
    </message>
    <message>
        <source>The profiles of this computer&apos;s AWS configuration; leave empty for the default credentials</source>
        <translation>このコンピューターの AWS 設定にあるプロファイル。既定の認証情報を使う場合は空欄のままにします</translation>
    </message>
    <message>
        <source>%1 (from the user pool ID)</source>
        <translation>%1 (ユーザープール ID から)</translation>
    </message>
    <message>
        <source>taken from the user pool ID</source>
        <translation>ユーザープール ID から取得</translation>
    </message>
    <message>
        <source>Problem with %1</source>
        <translation>%1 のエラー</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>Connect to the user pool</source>
        <translation>ユーザープールに接続</translation>
    </message>
    <message>
        <source>Which Cognito user pool and app client the users belong to. IT can give you these values.</source>
        <translation>ユーザーが属する Cognito のユーザープールとアプリクライアントを指定します。値は IT 部門に確認してください。</translation>
    </message>
    <message>
        <source>The saved connection “%1” cannot be used as it is.</source>
        <translation>保存済みの接続「%1」はこのままでは使えません。</translation>
    </message>
    <message>
        <source>A value in it is not valid (marked above). Correct it and connect, or choose another connection.</source>
        <translation>正しくない値があります（上に表示）。修正して接続するか、別の接続を選んでください。</translation>
    </message>
    <message>
        <source>Co&amp;nnect</source>
        <translation>接続(&amp;N)</translation>
    </message>
</context>
<context>
    <name>CountdownRing</name>
    <message>
        <source>Time left for this code</source>
        <translation>このコードの残り時間</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) until the code changes</source>
        <translation>
            <numerusform>コードが変わるまで %n 秒</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CredentialsPage</name>
    <message>
        <source>Sign in as the user</source>
        <translation>ユーザーとしてサインイン</translation>
    </message>
    <message>
        <source>The user types their username and password. Cognito then texts a code to their phone.</source>
        <translation>ユーザーがユーザー名とパスワードを入力します。その後、Cognito がスマートフォンに SMS でコードを送ります。</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>サインイン(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>ユーザー名(&amp;U):</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>The password is only sent to Cognito. It is forgotten as soon as the code from the text message is accepted.</source>
        <translation>パスワードは Cognito にだけ送信されます。SMS のコードが受け付けられた時点で破棄されます。</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>The account now uses the authenticator app. Remind the user to keep the app on the phone.</source>
        <translation>このアカウントは認証アプリを使うようになりました。アプリを削除しないよう、ユーザーに伝えてください。</translation>
    </message>
    <message>
        <source>&amp;Next user</source>
        <translation>次のユーザー(&amp;N)</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>T&amp;ry the new sign-in</source>
        <translation>新しいサインインを試す(&amp;R)</translation>
    </message>
    <message>
        <source>Try the new sign-in</source>
        <translation>新しいサインインを試す</translation>
    </message>
    <message>
        <source>The user signs in once more, to prove that Cognito now asks for the authenticator app</source>
        <translation>ユーザーがもう一度サインインし、Cognito が認証アプリを求めるようになったことを確かめます</translation>
    </message>
    <message>
        <source>%1 now signs in with codes from the authenticator app.</source>
        <translation>%1 は今後、認証アプリのコードでサインインします。</translation>
    </message>
    <message>
        <source>• The authenticator app (TOTP) is the preferred sign-in method.</source>
        <translation>・認証アプリ (TOTP) が優先のサインイン方法になりました。</translation>
    </message>
    <message>
        <source>• Email codes stay switched on as a fallback, but are no longer used by default.</source>
        <translation>・メールのコードは予備として有効のままですが、通常は使われません。</translation>
    </message>
    <message>
        <source>• Email codes are switched off for this account.</source>
        <translation>・このアカウントのメールのコードは無効になりました。</translation>
    </message>
    <message>
        <source>• Text-message codes stay switched on as a fallback, but are no longer used by default.</source>
        <translation>・SMS のコードは予備として有効のままですが、通常は使われません。</translation>
    </message>
    <message>
        <source>• Text-message codes are switched off for this account.</source>
        <translation>・このアカウントの SMS のコードは無効になりました。</translation>
    </message>
    <message>
        <source>• The lost authenticator was removed from the account: only the new one works.</source>
        <translation>・紛失した認証アプリはアカウントから削除されました。使えるのは新しい認証アプリだけです。</translation>
    </message>
    <message>
        <source>• The previous authenticator device no longer works.</source>
        <translation>・以前の認証アプリのデバイスは使えなくなりました。</translation>
    </message>
    <message>
        <source>• Until now the account had no second sign-in step: from now on every sign-in asks for a code from the app.</source>
        <translation>・これまでこのアカウントには 2 段階目のサインイン手順がありませんでした。今後はサインインのたびに認証アプリのコードを求められます。</translation>
    </message>
</context>
<context>
    <name>EnrollmentPage</name>
    <message>
        <source>Chec&amp;k connection settings…</source>
        <translation>接続設定を確認(&amp;K)…</translation>
    </message>
    <message>
        <source>Retr&amp;y</source>
        <translation>再試行(&amp;Y)</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>もう一度サインイン</translation>
    </message>
    <message>
        <source>Start again with this user</source>
        <translation>このユーザーでやり直す</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>新しいコードを送信</translation>
    </message>
</context>
<context>
    <name>EnrollmentWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 戻る(&amp;B)</translation>
    </message>
    <message>
        <source>The new authenticator app is not confirmed yet, so the account keeps its current sign-in method.</source>
        <translation>新しい認証アプリはまだ確認されていないため、アカウントは現在のサインイン方法のままです。</translation>
    </message>
    <message>
        <source>Nothing has been changed for this user yet.</source>
        <translation>このユーザーについては、まだ何も変更されていません。</translation>
    </message>
    <message>
        <source>Stop enrolling %1?</source>
        <translation>%1 の登録を中止しますか?</translation>
    </message>
    <message>
        <source>Stop this enrollment?</source>
        <translation>この登録を中止しますか?</translation>
    </message>
    <message>
        <source>&amp;Stop and start over</source>
        <translation>中止して最初から(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ExistingTotpPage</name>
    <message>
        <source>This user already has an authenticator app</source>
        <translation>このユーザーはすでに認証アプリを使っています</translation>
    </message>
    <message>
        <source>Nothing needs to change. Stop here unless the user lost that device or wants a new one.</source>
        <translation>変更は不要です。ユーザーがそのデバイスをなくした場合や新しくしたい場合を除き、ここで終了してください。</translation>
    </message>
    <message>
        <source>&amp;Re-enroll (replaces the old device)</source>
        <translation>再登録する(&amp;R) (古いデバイスは置き換えられます)</translation>
    </message>
    <message>
        <source>The user &amp;lost their authenticator</source>
        <translation>ユーザーが認証アプリを紛失した(&amp;L)</translation>
    </message>
    <message>
        <source>Reset the authenticator in Cognito (administrators only), then enroll a new one</source>
        <translation>Cognito で認証アプリをリセットし (管理者のみ)、新しい認証アプリを登録します</translation>
    </message>
    <message>
        <source>To re-enroll, the user signs in once more with the code their current authenticator app shows.</source>
        <translation>再登録するには、ユーザーが現在の認証アプリに表示されるコードでもう一度サインインします。</translation>
    </message>
    <message>
        <source>Current &amp;authenticator code:</source>
        <translation>現在の認証アプリのコード(&amp;A):</translation>
    </message>
    <message>
        <source>Code from the current authenticator app</source>
        <translation>現在の認証アプリのコード</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>続行(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Next user</source>
        <translation>次のユーザー(&amp;N)</translation>
    </message>
    <message>
        <source>%1 already signs in with codes from an authenticator app. Enrolling again replaces that device: its codes stop working as soon as the new one is confirmed.</source>
        <translation>%1 はすでに認証アプリのコードでサインインしています。再登録するとそのデバイスは置き換えられ、新しいデバイスが確認された時点で古いコードは使えなくなります。</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Operator&apos;s guide</source>
        <translation>オペレーターガイド</translation>
    </message>
</context>
<context>
    <name>HelpdeskOperations</name>
    <message>
        <source>The previous user&apos;s details were wiped because nobody used the window for a while.</source>
        <translation>しばらく操作がなかったため、前のユーザーの情報を消去しました。</translation>
    </message>
    <message>
        <source>AWS: %1</source>
        <translation>AWS: %1</translation>
    </message>
    <message>
        <source>Signed with the AWS credentials of %1</source>
        <translation>%1 の AWS 認証情報で署名しています</translation>
    </message>
    <message>
        <source>AWS account %1</source>
        <translation>AWS アカウント %1</translation>
    </message>
    <message>
        <source>AWS credentials not usable</source>
        <translation>AWS 認証情報を使用できません</translation>
    </message>
    <message>
        <source>Checking the AWS credentials…</source>
        <translation>AWS 認証情報を確認しています…</translation>
    </message>
    <message numerus="yes">
        <source>Nobody has used this window for a while: in %n second(s) this user&apos;s details are wiped. Move the mouse or press a key to keep them.</source>
        <translation>
            <numerusform>しばらく操作がありません。%n 秒後にこのユーザーの情報を消去します。続ける場合は、マウスを動かすかキーを押してください。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InventoryModel</name>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Authenticator app</source>
        <translation>認証アプリ</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>No MFA</source>
        <translation>MFA なし</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>MFA</source>
        <translation>MFA</translation>
    </message>
    <message>
        <source>Preferred</source>
        <translation>優先</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>確認日時</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>パスワード変更が必要</translation>
    </message>
    <message>
        <source>Password reset required</source>
        <translation>パスワードのリセットが必要</translation>
    </message>
    <message>
        <source>External sign-in</source>
        <translation>外部プロバイダーでサインイン</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>アーカイブ済み</translation>
    </message>
    <message>
        <source>Compromised</source>
        <translation>侵害の疑い</translation>
    </message>
    <message>
        <source>Deleted since listed</source>
        <translation>一覧取得後に削除</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
</context>
<context>
    <name>LostAuthenticatorPage</name>
    <message>
        <source>Reset the lost authenticator</source>
        <translation>紛失した認証アプリのリセット</translation>
    </message>
    <message>
        <source>Only after the user&apos;s identity has been verified.</source>
        <translation>ユーザーの本人確認が済んでから行ってください。</translation>
    </message>
    <message>
        <source>&amp;Reason for the reset:</source>
        <translation>リセットの理由(&amp;R):</translation>
    </message>
    <message>
        <source>Reason for the reset</source>
        <translation>リセットの理由</translation>
    </message>
    <message>
        <source>Required; recorded in the audit trail with your name</source>
        <translation>必須。あなたの名前とともに監査記録に残ります</translation>
    </message>
    <message>
        <source>e.g. phone lost, ticket number</source>
        <translation>例: スマートフォン紛失、チケット番号</translation>
    </message>
    <message>
        <source>I &amp;verified the user&apos;s identity as the helpdesk&apos;s policy requires</source>
        <translation>ヘルプデスクの規定どおりにユーザーの本人確認をしました(&amp;V)</translation>
    </message>
    <message>
        <source>User&apos;s identity verified</source>
        <translation>ユーザーの本人確認済み</translation>
    </message>
    <message>
        <source>Re&amp;set authenticator</source>
        <translation>認証アプリをリセット(&amp;S)</translation>
    </message>
    <message>
        <source>The authenticator registered for %1 will be deleted in Cognito (AdminDeleteSoftwareToken): its codes stop working at once. Then %1 signs in again and sets up a new authenticator: with a text-message or email code if the account still has one, otherwise straight away if the pool requires MFA. Other sign-in factors are not changed.</source>
        <translation>%1 に登録されている認証アプリを Cognito で削除します (AdminDeleteSoftwareToken)。そのコードはすぐに使えなくなります。その後 %1 がもう一度サインインして新しい認証アプリを設定します。アカウントに SMS またはメールのコードが残っていればそれを使い、プールが MFA を必須にしていればすぐに設定に進みます。ほかのサインイン要素は変更しません。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Move to an authenticator app</source>
        <translation>認証アプリへの移行</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Change &amp;connection…</source>
        <translation>接続を変更(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>Saved connections and preferences (Ctrl+,)</source>
        <translation>保存済みの接続と環境設定 (Ctrl+,)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Migration…</source>
        <translation>移行状況(&amp;M)…</translation>
    </message>
    <message>
        <source>Who in the pool is still on SMS (admin mode)</source>
        <translation>プール内でまだ SMS を使っているユーザー(管理者モード)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Operator&apos;s &amp;guide</source>
        <translation>オペレーターガイド(&amp;G)</translation>
    </message>
    <message>
        <source>What to say to the user at each step, and what each message means (F1)</source>
        <translation>各ステップでユーザーに伝えることと、各メッセージの意味 (F1)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>このアプリについて(&amp;A)</translation>
    </message>
    <message>
        <source>This desk works on the team campaign %1: its users come from the campaign, not a session.</source>
        <translation>このデスクはチームキャンペーン %1 で作業中です。ユーザーはセッションではなくキャンペーンから割り当てられます。</translation>
    </message>
    <message>
        <source>admin sign-in</source>
        <translation>管理者サインイン</translation>
    </message>
    <message>
        <source>user sign-in</source>
        <translation>ユーザーサインイン</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>User pool: %1</source>
        <translation>ユーザープール: %1</translation>
    </message>
    <message>
        <source>Region: %1</source>
        <translation>リージョン: %1</translation>
    </message>
    <message>
        <source>Sign-in: %1</source>
        <translation>サインイン: %1</translation>
    </message>
    <message>
        <source>Endpoint: %1</source>
        <translation>エンドポイント: %1</translation>
    </message>
    <message>
        <source>User pool %1 · %2</source>
        <translation>ユーザープール %1 · %2</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>Quit now?</source>
        <translation>今すぐ終了しますか?</translation>
    </message>
    <message>
        <source>An enrollment is not finished. If you quit now, the user&apos;s account keeps its current sign-in method.</source>
        <translation>登録が完了していません。今終了すると、ユーザーのアカウントは現在のサインイン方法のままになります。</translation>
    </message>
    <message>
        <source>About cogtotp-gui</source>
        <translation>cogtotp-gui について</translation>
    </message>
    <message>
        <source>cogtotp-gui %1

Moves Amazon Cognito users from text-message codes to an authenticator app.</source>
        <translation>cogtotp-gui %1

Amazon Cognito のユーザーを SMS のコードから認証アプリに移行します。</translation>
    </message>
    <message>
        <source>&amp;Team campaign…</source>
        <translation>チームキャンペーン(&amp;T)…</translation>
    </message>
    <message>
        <source>A team campaign&apos;s progress, live (admin mode)</source>
        <translation>チームキャンペーンの進み具合をリアルタイムで表示 (管理者モード)</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Show error details</source>
        <translation>エラーの詳細を表示</translation>
    </message>
    <message>
        <source>Shows the error code and the service&apos;s own words, for IT</source>
        <translation>IT 部門向けに、エラーコードとサービスからのメッセージをそのまま表示します</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>エラーの詳細</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>お知らせ</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The username or password is not correct. Check them and try again.</source>
        <translation>ユーザー名またはパスワードが正しくありません。確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>That code is not correct. Check the latest message and type the code again.</source>
        <translation>コードが正しくありません。最新のメッセージを確認して、もう一度入力してください。</translation>
    </message>
    <message>
        <source>The authenticator app&apos;s code was not accepted. Type the code it shows now.</source>
        <translation>認証アプリのコードが受け付けられませんでした。今表示されているコードを入力してください。</translation>
    </message>
    <message>
        <source>This sign-in has expired: Cognito keeps it open for a few minutes only.</source>
        <translation>このサインインは期限切れです。Cognito がサインインを保持するのは数分間だけです。</translation>
    </message>
    <message>
        <source>The sign-in is no longer valid. Start again with this user.</source>
        <translation>サインインが無効になりました。このユーザーで最初からやり直してください。</translation>
    </message>
    <message>
        <source>Cognito is receiving too many requests right now. Wait a minute, then try again.</source>
        <translation>現在 Cognito へのリクエストが多すぎます。1 分ほど待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Too many wrong attempts for this user. Wait a few minutes before trying again.</source>
        <translation>このユーザーの誤入力が多すぎます。数分待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>This account has not been confirmed yet. An administrator must confirm it before it can be enrolled.</source>
        <translation>このアカウントはまだ確認されていません。登録の前に、管理者による確認が必要です。</translation>
    </message>
    <message>
        <source>This account must reset its password first. The wizard cannot do that; reset the password, then try again.</source>
        <translation>このアカウントは先にパスワードのリセットが必要です。ウィザードではリセットできません。パスワードをリセットしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>This account is disabled. An administrator must enable it first.</source>
        <translation>このアカウントは無効になっています。先に管理者が有効にする必要があります。</translation>
    </message>
    <message>
        <source>The new password does not meet the user pool&apos;s password rules. Choose a different one.</source>
        <translation>新しいパスワードがユーザープールのパスワード規則を満たしていません。別のパスワードにしてください。</translation>
    </message>
    <message>
        <source>Cognito has no authenticator set up for this user yet. Generate a new QR code and scan it again.</source>
        <translation>このユーザーの認証アプリはまだ Cognito に設定されていません。新しい QR コードを作成して、もう一度スキャンしてください。</translation>
    </message>
    <message>
        <source>The connection broke before Cognito answered, so it may have acted already. Try again; if the user receives another code, use the newest one.</source>
        <translation>Cognito の応答が届く前に接続が切れたため、Cognito 側では処理が済んでいる可能性があります。もう一度試してください。ユーザーに別のコードが届いた場合は、いちばん新しいコードを使ってください。</translation>
    </message>
    <message>
        <source>The connection broke before Cognito answered, and this sign-in cannot be used again. Send a new code (or sign in again) to go on.</source>
        <translation>Cognito の応答が届く前に接続が切れたため、このサインインはもう使えません。続けるには新しいコードを送信してください (またはサインインし直してください)。</translation>
    </message>
    <message>
        <source>The connection broke before Cognito answered, so the new password may already be set. Sign in again; if the old password is refused, sign in with the new one.</source>
        <translation>Cognito の応答が届く前に接続が切れたため、新しいパスワードがすでに設定されている可能性があります。サインインし直してください。古いパスワードが拒否された場合は、新しいパスワードでサインインしてください。</translation>
    </message>
    <message>
        <source>The connection broke before Cognito answered, and the code was not taken. Try again, or type the code the authenticator app shows now.</source>
        <translation>Cognito の応答が届く前に接続が切れ、コードは受け付けられませんでした。もう一度試すか、認証アプリに今表示されているコードを入力してください。</translation>
    </message>
    <message>
        <source>The connection broke before Cognito answered, and this sign-in cannot go on. Start again with this user.</source>
        <translation>Cognito の応答が届く前に接続が切れたため、このサインインは続けられません。このユーザーでもう一度最初からやり直してください。</translation>
    </message>
    <message>
        <source>Cognito could not be reached. Check the network connection, then try again.</source>
        <translation>Cognito に接続できませんでした。ネットワーク接続を確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Cognito did not answer in time. Check the network connection, then try again.</source>
        <translation>Cognito から時間内に応答がありませんでした。ネットワーク接続を確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Cognito reported a temporary problem. Try again in a moment.</source>
        <translation>Cognito で一時的な問題が発生しました。少し待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The app client secret does not match this app client. Check the connection settings.</source>
        <translation>アプリクライアントのシークレットが、このアプリクライアントと一致しません。接続の設定を確認してください。</translation>
    </message>
    <message>
        <source>This app client does not allow password sign-in for this mode. Check the connection settings or the app client&apos;s authentication flows.</source>
        <translation>このアプリクライアントでは、この方式のパスワードによるサインインが許可されていません。接続の設定か、アプリクライアントの認証フローを確認してください。</translation>
    </message>
    <message>
        <source>The user pool or app client was not found. Check the connection settings and the region.</source>
        <translation>ユーザープールまたはアプリクライアントが見つかりません。接続の設定とリージョンを確認してください。</translation>
    </message>
    <message>
        <source>The user pool is not set up for this kind of sign-in. Check the user pool&apos;s MFA and SMS settings.</source>
        <translation>ユーザープールがこの種類のサインインに対応するよう設定されていません。ユーザープールの MFA と SMS の設定を確認してください。</translation>
    </message>
    <message>
        <source>Cognito rejected the request as invalid. Check the connection settings; the details may help.</source>
        <translation>Cognito がリクエストを無効として拒否しました。接続の設定を確認してください。詳細が参考になる場合があります。</translation>
    </message>
    <message>
        <source>Your AWS credentials are not allowed to do this. Ask for the Cognito administrator permissions.</source>
        <translation>あなたの AWS 認証情報には、この操作の権限がありません。Cognito の管理者権限を依頼してください。</translation>
    </message>
    <message>
        <source>Your AWS credentials were not accepted. Check which AWS profile or keys this computer uses.</source>
        <translation>あなたの AWS 認証情報が受け付けられませんでした。このコンピューターで使われている AWS プロファイルまたはキーを確認してください。</translation>
    </message>
    <message>
        <source>Your AWS credentials have expired. Renew them, then try again.</source>
        <translation>あなたの AWS 認証情報の期限が切れています。更新してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>No AWS credentials were found. Admin mode needs them; set up an AWS profile or use user mode.</source>
        <translation>AWS 認証情報が見つかりません。管理者サインインには必要です。AWS プロファイルを設定するか、ユーザーサインインを使ってください。</translation>
    </message>
    <message>
        <source>Your AWS single sign-on session has expired. Run “aws sso login” in a terminal, then try again.</source>
        <translation>AWS シングルサインオンのセッションの期限が切れています。ターミナルで「aws sso login」を実行してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The AWS profile was not found. Check its name in the connection settings.</source>
        <translation>AWS プロファイルが見つかりません。接続の設定でプロファイル名を確認してください。</translation>
    </message>
    <message>
        <source>This account uses a sign-in method the wizard does not support.</source>
        <translation>このアカウントは、ウィザードが対応していないサインイン方法を使っています。</translation>
    </message>
    <message>
        <source>This user pool&apos;s feature plan does not include the sign-in this app client needs. An administrator can change the pool&apos;s plan, or allow password sign-in (ALLOW_USER_PASSWORD_AUTH) on the app client.</source>
        <translation>このユーザープールの機能プランには、このアプリクライアントが必要とするサインイン方式が含まれていません。管理者がプールのプランを変更するか、アプリクライアントでパスワードによるサインイン (ALLOW_USER_PASSWORD_AUTH) を許可してください。</translation>
    </message>
    <message>
        <source>This Cognito endpoint does not offer the operation (AdminDeleteSoftwareToken). The authenticator was not reset; nothing was changed. Use the real Cognito service, or ask whoever runs this endpoint.</source>
        <translation>この Cognito エンドポイントにはこの操作 (AdminDeleteSoftwareToken) がありません。認証アプリはリセットされておらず、何も変更されていません。本物の Cognito サービスを使うか、このエンドポイントの運用者に問い合わせてください。</translation>
    </message>
    <message>
        <source>Your AWS credentials may not reset authenticators. Ask your AWS administrator for the permission cognito-idp:AdminDeleteSoftwareToken on this user pool. Nothing was changed.</source>
        <translation>お使いの AWS 認証情報には認証アプリをリセットする権限がありません。AWS 管理者に、このユーザープールに対する cognito-idp:AdminDeleteSoftwareToken の権限を依頼してください。何も変更されていません。</translation>
    </message>
    <message>
        <source>Only an administrator can reset a lost authenticator: this connection signs in without AWS credentials (user mode). Ask an administrator to reset the user&apos;s authenticator (AdminDeleteSoftwareToken), then sign the user in again.</source>
        <translation>紛失した認証アプリをリセットできるのは管理者だけです。この接続は AWS 認証情報なしでサインインしています (ユーザーモード)。管理者にこのユーザーの認証アプリのリセット (AdminDeleteSoftwareToken) を依頼し、その後もう一度ユーザーをサインインさせてください。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Try again; if it happens again, show the details to IT.</source>
        <translation>予期しない問題が発生しました。もう一度お試しください。再び起きる場合は、詳細を IT 部門に見せてください。</translation>
    </message>
    <message>
        <source>Type the 6-digit code (spaces are fine).</source>
        <translation>6 桁のコードを入力してください (スペースは入っていても構いません)。</translation>
    </message>
    <message>
        <source>Type the reason for the reset (it goes into the audit trail).</source>
        <translation>リセットの理由を入力してください (監査記録に残ります)。</translation>
    </message>
    <message>
        <source>The reason is too long (200 characters at most) or contains characters that cannot be used.</source>
        <translation>理由が長すぎる (200 文字まで) か、使えない文字が含まれています。</translation>
    </message>
    <message>
        <source>Confirm that you verified the user&apos;s identity as your helpdesk&apos;s policy requires.</source>
        <translation>ヘルプデスクの規定どおりにユーザーの本人確認をしたことを確認してください。</translation>
    </message>
    <message>
        <source>Type the username.</source>
        <translation>ユーザー名を入力してください。</translation>
    </message>
    <message>
        <source>This username is too long or contains characters that cannot be used.</source>
        <translation>ユーザー名が長すぎるか、使えない文字が含まれています。</translation>
    </message>
    <message>
        <source>Type the password.</source>
        <translation>パスワードを入力してください。</translation>
    </message>
    <message>
        <source>This password is too long or contains characters that cannot be used.</source>
        <translation>パスワードが長すぎるか、使えない文字が含まれています。</translation>
    </message>
    <message>
        <source>Wait for the app&apos;s next code: the one used a moment ago is not used again.</source>
        <translation>アプリの次のコードを待ってください。先ほど使ったコードは再び使いません。</translation>
    </message>
    <message>
        <source>The two new passwords are not the same. Type them again.</source>
        <translation>2 つの新しいパスワードが一致しません。もう一度入力してください。</translation>
    </message>
    <message>
        <source>The device name can have at most 64 characters and no control characters.</source>
        <translation>デバイス名は 64 文字以内で、制御文字は使えません。</translation>
    </message>
    <message>
        <source>Type the user pool ID as region_id, for example eu-west-1_AbCdEf123.</source>
        <translation>ユーザープール ID を「リージョン_ID」の形式で入力してください (例: eu-west-1_AbCdEf123)。</translation>
    </message>
    <message>
        <source>Type the app client ID: letters and digits only.</source>
        <translation>アプリクライアント ID を入力してください (英字と数字のみ)。</translation>
    </message>
    <message>
        <source>The app client secret can contain letters, digits and punctuation, but no spaces or line breaks (at most 128 characters).</source>
        <translation>アプリクライアントシークレットには英字・数字・記号を使えますが、空白や改行は使えません (128 文字まで)。</translation>
    </message>
    <message>
        <source>Type an AWS region such as eu-west-1, or leave it empty.</source>
        <translation>eu-west-1 のような AWS リージョンを入力するか、空欄のままにしてください。</translation>
    </message>
    <message>
        <source>Choose admin or user sign-in.</source>
        <translation>管理者サインインかユーザーサインインを選んでください。</translation>
    </message>
    <message>
        <source>Choose whether SMS stays switched on after enrollment.</source>
        <translation>登録後に SMS を有効のままにするかどうかを選んでください。</translation>
    </message>
    <message>
        <source>Type the name the authenticator app shows (1 to 64 characters).</source>
        <translation>認証アプリに表示する名前を入力してください (1～64 文字)。</translation>
    </message>
    <message>
        <source>The name shown in the authenticator app cannot contain a colon.</source>
        <translation>認証アプリに表示する名前にはコロン (:) を使えません。</translation>
    </message>
    <message>
        <source>Type the endpoint as http://host:port or https://host, or leave it empty.</source>
        <translation>エンドポイントを http://ホスト:ポート または https://ホスト の形式で入力するか、空欄のままにしてください。</translation>
    </message>
    <message>
        <source>Use https:// for this endpoint: plain http:// would send passwords and codes unencrypted, so it is allowed only for this computer (localhost).</source>
        <translation>このエンドポイントには https:// を使ってください。http:// ではパスワードやコードが暗号化されずに送られるため、このコンピューター (localhost) にだけ使えます。</translation>
    </message>
    <message>
        <source>Type an AWS profile name: letters, digits and . _ - + @ only, or leave it empty.</source>
        <translation>AWS プロファイル名を入力してください (英字、数字と . _ - + @ のみ)。不要なら空欄のままにしてください。</translation>
    </message>
    <message>
        <source>Give the connection a name without a slash.</source>
        <translation>スラッシュを含まない接続名を付けてください。</translation>
    </message>
    <message>
        <source>IT manages a connection with this name. Choose another name; IT&apos;s connection cannot be changed here.</source>
        <translation>この名前の接続は IT 部門が管理しています。別の名前にしてください。IT 部門の接続はここでは変更できません。</translation>
    </message>
    <message>
        <source>Another saved connection already has this name. Choose another name.</source>
        <translation>この名前は別の保存済みの接続で使われています。別の名前にしてください。</translation>
    </message>
    <message>
        <source>There is no saved connection with this name.</source>
        <translation>この名前の保存済みの接続はありません。</translation>
    </message>
    <message>
        <source>Type how long the user pool keeps a sign-in open: 3 to 15 minutes.</source>
        <translation>ユーザープールがサインインを保持する時間を入力してください (3～15 分)。</translation>
    </message>
    <message>
        <source>The idle time-out is outside the allowed range.</source>
        <translation>無操作時のタイムアウトが、設定できる範囲の外です。</translation>
    </message>
    <message>
        <source>The clipboard clearing delay is outside the allowed range.</source>
        <translation>クリップボードを消去するまでの時間が、設定できる範囲の外です。</translation>
    </message>
    <message>
        <source>Choose the system language, English or Japanese.</source>
        <translation>言語は「システムの設定」、英語、日本語のいずれかを選んでください。</translation>
    </message>
    <message>
        <source>The app&apos;s data folder is read-only, so campaign data cannot be saved. Ask IT for write access to it, or set COGTOTP_DATA_DIR to a writable folder.</source>
        <translation>アプリのデータフォルダーが読み取り専用のため、キャンペーンのデータを保存できません。IT 部門に書き込み権限を依頼するか、COGTOTP_DATA_DIR に書き込み可能なフォルダーを指定してください。</translation>
    </message>
    <message>
        <source>The disk holding the app&apos;s data folder is full. Free some space, then try again.</source>
        <translation>アプリのデータフォルダーがあるディスクがいっぱいです。空き容量を作ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Another copy of the app is writing campaign data right now. Wait until it finishes, then try again.</source>
        <translation>別のアプリがキャンペーンのデータを書き込み中です。終わるまで待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The campaign data file is damaged. Move it out of the app&apos;s data folder; the app starts a new one.</source>
        <translation>キャンペーンのデータファイルが壊れています。アプリのデータフォルダーから移動してください。アプリが新しいファイルを作成します。</translation>
    </message>
    <message>
        <source>The campaign data was saved by a newer version of the app. Update the app to open it.</source>
        <translation>キャンペーンのデータは新しいバージョンのアプリで保存されています。開くにはアプリを更新してください。</translation>
    </message>
    <message>
        <source>The campaign data cannot be opened. Check the app&apos;s data folder, then try again.</source>
        <translation>キャンペーンのデータを開けません。アプリのデータフォルダーを確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Your AWS single sign-on session for the profile “%1” has expired. Run “aws sso login --profile %1” in a terminal, then try again.</source>
        <translation>プロファイル「%1」の AWS シングルサインオンのセッションの期限が切れています。ターミナルで「aws sso login --profile %1」を実行してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Error code: %1</source>
        <translation>エラーコード: %1</translation>
    </message>
    <message>
        <source>Attempts left: %1</source>
        <translation>残りの試行回数: %1</translation>
    </message>
    <message>
        <source>Spaces or line breaks around the pasted secret were removed.</source>
        <translation>貼り付けたシークレットの前後にあった空白や改行を取り除きました。</translation>
    </message>
    <message>
        <source>The campaign data was not opened: a file in the app&apos;s data folder is a link, belongs to another account, or may be changed by other accounts. Ask IT to check the folder, or set COGTOTP_DATA_DIR to a folder of your own.</source>
        <translation>キャンペーンのデータを開きませんでした。アプリのデータフォルダー内のファイルがリンクであるか、別のアカウントのものであるか、ほかのアカウントが変更できる状態です。IT 部門にフォルダーの確認を依頼するか、COGTOTP_DATA_DIR に自分専用のフォルダーを指定してください。</translation>
    </message>
    <message>
        <source>The connection broke before Cognito answered, and this sign-in cannot be used again. The user types the password again, then a new code.</source>
        <translation>Cognito の応答が届く前に接続が切れたため、このサインインはもう使えません。ユーザーがパスワードをもう一度入力し、そのあと新しいコードを入力します。</translation>
    </message>
    <message>
        <source>A username has no spaces in it. Check what was typed.</source>
        <translation>ユーザー名に空白は入りません。入力した内容を確認してください。</translation>
    </message>
    <message>
        <source>This computer&apos;s AWS configuration (the AWS_ENDPOINT_URL variable or an endpoint in the AWS config file) sends the calls over plain http:// to another computer, which would send passwords and codes unencrypted. Change it to https://, or remove it.</source>
        <translation>このコンピューターの AWS 設定 (環境変数 AWS_ENDPOINT_URL または AWS 設定ファイルのエンドポイント) が、暗号化されない http:// で別のコンピューターに呼び出しを送る設定になっています。パスワードやコードが暗号化されずに送られてしまいます。https:// に変更するか、その設定を削除してください。</translation>
    </message>
    <message>
        <source>The authenticator was not reset: its record could not be written to the audit trail. Nothing was changed. Ask IT to check the audit folder (see Details), then try again.</source>
        <translation>認証アプリはリセットされていません。監査ログに記録を書き込めなかったためです。何も変更されていません。IT 部門に監査フォルダーの確認を依頼してから (詳細を参照)、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Another copy of the app took this session over, so this window&apos;s changes are no longer saved. Go on in that copy, or export this window&apos;s report.</source>
        <translation>別に起動しているアプリがこのセッションを引き継いだため、このウィンドウでの変更は保存されなくなりました。そちらで作業を続けるか、このウィンドウのレポートをエクスポートしてください。</translation>
    </message>
    <message>
        <source>The audit trail could not be written: %1. Tell IT.</source>
        <translation>監査ログを書き込めませんでした: %1。IT 部門に連絡してください。</translation>
    </message>
    <message>
        <source>Type the team campaign&apos;s name: letters, digits, spaces and . : @ + - _ only, or leave it empty.</source>
        <translation>チームキャンペーンの名前を入力してください (英字、数字、スペース、. : @ + - _ のみ)。使わない場合は空欄にします。</translation>
    </message>
    <message>
        <source>Type the campaign table&apos;s name: 3 to 255 letters, digits and . _ - only, or leave it empty.</source>
        <translation>キャンペーンのテーブル名を入力してください (英字、数字、. _ - の 3〜255 文字)。使わない場合は空欄にします。</translation>
    </message>
    <message>
        <source>A team campaign needs its table: type the campaign table&apos;s name, or clear the campaign.</source>
        <translation>チームキャンペーンにはテーブルが必要です。キャンペーンのテーブル名を入力するか、キャンペーンを空欄にしてください。</translation>
    </message>
</context>
<context>
    <name>MigrationWindow</name>
    <message>
        <source>Migration</source>
        <translation>移行状況</translation>
    </message>
    <message>
        <source>Who is still on SMS in %1</source>
        <translation>%1 でまだ SMS を使っているユーザー</translation>
    </message>
    <message>
        <source>E&amp;xact (reads every user: slower, may count towards monthly active users)</source>
        <translation>正確に調べる(&amp;X)(全ユーザーを読み取ります。時間がかかり、月間アクティブユーザーに数えられることがあります)</translation>
    </message>
    <message>
        <source>Exact scan</source>
        <translation>正確なスキャン</translation>
    </message>
    <message>
        <source>&amp;Scan the pool</source>
        <translation>プールをスキャン(&amp;S)</translation>
    </message>
    <message>
        <source>Scan the pool</source>
        <translation>プールをスキャン</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>キャンセル(&amp;N)</translation>
    </message>
    <message>
        <source>Cancel the scan</source>
        <translation>スキャンをキャンセル</translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation>スキャンの進み具合</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>検索(&amp;R):</translation>
    </message>
    <message>
        <source>Part of a username</source>
        <translation>ユーザー名の一部</translation>
    </message>
    <message>
        <source>Search users</source>
        <translation>ユーザーを検索</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>状態(&amp;T):</translation>
    </message>
    <message>
        <source>Filter by MFA state</source>
        <translation>MFA の状態で絞り込む</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>Users of the pool</source>
        <translation>プールのユーザー</translation>
    </message>
    <message>
        <source>Users by MFA state</source>
        <translation>MFA の状態ごとのユーザー数</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV に書き出す(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the shown users as CSV</source>
        <translation>表示中のユーザーを CSV に書き出す</translation>
    </message>
    <message>
        <source>Start a session &amp;with these</source>
        <translation>このユーザーでセッションを開始(&amp;W)</translation>
    </message>
    <message>
        <source>Start an onboarding session with the selected users</source>
        <translation>選んだユーザーで移行セッションを開始</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>閉じる(&amp;L)</translation>
    </message>
    <message>
        <source>Close the Migration window</source>
        <translation>移行状況ウィンドウを閉じる</translation>
    </message>
    <message>
        <source>The inventory cannot be read: %1</source>
        <translation>一覧を読み込めません: %1</translation>
    </message>
    <message>
        <source>No scan yet: press Scan the pool.</source>
        <translation>まだスキャンしていません。「プールをスキャン」を押してください。</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>正確</translation>
    </message>
    <message>
        <source>census from the user list</source>
        <translation>ユーザー一覧からの概数</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>たった今</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n 時間前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 日前</numerusform>
        </translation>
    </message>
    <message>
        <source>Last scan: %1 (%2, %3)</source>
        <translation>前回のスキャン: %1(%2、%3)</translation>
    </message>
    <message>
        <source>Reading the user list…</source>
        <translation>ユーザー一覧を読み取っています…</translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation>
            <numerusform>残り約 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cognito is slowing the scan down: %n request(s) refused as too many so far. The scan waits and tries again; nobody is skipped.</source>
        <translation>
            <numerusform>Cognito がスキャンを減速させています: これまでに %n 件のリクエストが多すぎるとして拒否されました。スキャンは待ってから再試行します。読み飛ばされるユーザーはいません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan cancelled. What was read is kept; the next scan resumes.</source>
        <translation>スキャンをキャンセルしました。読み取った分は保存され、次のスキャンで続きから再開します。</translation>
    </message>
    <message>
        <source>Access denied: your AWS credentials lack the IAM permission %1.</source>
        <translation>アクセスが拒否されました: AWS の認証情報に IAM 権限 %1 がありません。</translation>
    </message>
    <message>
        <source>The scan stopped: %1</source>
        <translation>スキャンが止まりました: %1</translation>
    </message>
    <message>
        <source>What was read is kept; scan again to resume.</source>
        <translation>読み取った分は保存されています。もう一度スキャンすると再開します。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV に書き出す</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln user(s) shown</source>
        <translation>
            <numerusform>%Ln 人中 %1 人を表示</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>An exact scan reads all %Ln user(s) one by one. AWS warns that per-user reads of a large pool can count towards monthly active users and affect the bill. Scan?</source>
        <translation>
            <numerusform>正確なスキャンでは %Ln 人のユーザーを 1 人ずつ読み取ります。AWS によると、大きなプールでユーザーごとに読み取ると月間アクティブユーザーに数えられ、請求額に影響することがあります。スキャンしますか?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln user(s), %2 a second</source>
        <translation>
            <numerusform>%Ln 人中 %1 人、毎秒 %2 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scan complete: %Ln user(s).</source>
        <translation>
            <numerusform>スキャン完了: %Ln 人。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cognito slowed it down: %n request(s) were refused as too many and tried again.</source>
        <translation>
            <numerusform>Cognito による減速あり: %n 件のリクエストが多すぎるとして拒否され、再試行しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln user(s) written to %1</source>
        <translation>
            <numerusform>%Ln 人を %1 に書き出しました</numerusform>
        </translation>
    </message>
    <message>
        <source>Who is still on SMS in the practice pool</source>
        <translation>練習用プールでまだ SMS を使っているユーザー</translation>
    </message>
    <message>
        <source>Users on SMS across scans, and users enrolled a day</source>
        <translation>スキャンごとの SMS ユーザー数と 1 日あたりの登録ユーザー数</translation>
    </message>
    <message>
        <source>The trend shows after two scans.</source>
        <translation>推移は 2 回目のスキャン後に表示されます。</translation>
    </message>
    <message>
        <source>On SMS after each scan</source>
        <translation>スキャンごとの SMS ユーザー数</translation>
    </message>
    <message>
        <source>Enrolled a day</source>
        <translation>1 日の登録数</translation>
    </message>
    <message>
        <source>Type %1 or more characters to search %2 users.</source>
        <translation>%2 人から検索するには %1 文字以上入力してください。</translation>
    </message>
    <message>
        <source>Start a session</source>
        <translation>セッションを開始</translation>
    </message>
    <message>
        <source>A session holds at most %1 users; %2 are selected. Start a session with the first %1 (in the table&apos;s order)?</source>
        <translation>1 つのセッションに入れられるのは最大 %1 人です。%2 人が選択されています。表の並び順で最初の %1 人のセッションを開始しますか？</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 に書き込んでいます…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Export cancelled; %1 was left as it was.</source>
        <translation>エクスポートをキャンセルしました。%1 は元のままです。</translation>
    </message>
    <message>
        <source>Not written: %1 is a link or not a regular file. Choose another name.</source>
        <translation>書き出していません: %1 はリンクか通常のファイルではありません。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>On SMS now: %1.</source>
        <translation>現在 SMS: %1 人。</translation>
    </message>
    <message numerus="yes">
        <source>%n fewer a day</source>
        <translation>
            <numerusform>1 日あたり %n 人減少</numerusform>
        </translation>
    </message>
    <message>
        <source>at this pace, none left by %1</source>
        <translation>このペースなら %1 までにゼロ</translation>
    </message>
    <message>
        <source>Not falling yet: no finish date.</source>
        <translation>まだ減っていないため、完了日は出せません。</translation>
    </message>
</context>
<context>
    <name>NewPasswordPage</name>
    <message>
        <source>Choose a new password</source>
        <translation>新しいパスワードを設定</translation>
    </message>
    <message>
        <source>The password the user signed in with is temporary. Cognito asks for a new one before going on.</source>
        <translation>ユーザーがサインインに使ったパスワードは仮のものです。先に進む前に、Cognito が新しいパスワードを求めています。</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>続行(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新しいパスワード(&amp;N):</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>確認用(&amp;R):</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>新しいパスワード (確認用)</translation>
    </message>
    <message>
        <source>The user pool&apos;s password rules apply. Usually that means at least 8 characters, with upper- and lower-case letters, a digit and a symbol.</source>
        <translation>ユーザープールのパスワード規則が適用されます。通常は 8 文字以上で、英大文字、英小文字、数字、記号を含める必要があります。</translation>
    </message>
</context>
<context>
    <name>PasswordLineEdit</name>
    <message>
        <source>Hide password (Alt+S)</source>
        <translation>パスワードを隠す (Alt+S)</translation>
    </message>
    <message>
        <source>Show password (Alt+S)</source>
        <translation>パスワードを表示 (Alt+S)</translation>
    </message>
</context>
<context>
    <name>ProfilePicker</name>
    <message>
        <source>Sa&amp;ved connection:</source>
        <translation>保存済みの接続(&amp;V):</translation>
    </message>
    <message>
        <source>Saved connection</source>
        <translation>保存済みの接続</translation>
    </message>
    <message>
        <source>Choosing one connects to it at once</source>
        <translation>選ぶとすぐに接続します</translation>
    </message>
    <message>
        <source>Choose a saved connection</source>
        <translation>保存済みの接続を選択</translation>
    </message>
    <message>
        <source>E&amp;dit connections…</source>
        <translation>接続を編集(&amp;D)…</translation>
    </message>
    <message>
        <source>Edit saved connections</source>
        <translation>保存済みの接続を編集</translation>
    </message>
    <message>
        <source>Opens the settings: saved connections and preferences</source>
        <translation>設定 (保存済みの接続と環境設定) を開きます</translation>
    </message>
    <message>
        <source>Unsaved connection (%1)</source>
        <translation>未保存の接続 (%1)</translation>
    </message>
    <message>
        <source>Provided by IT</source>
        <translation>IT 部門が提供</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
<context>
    <name>QrCodeWidget</name>
    <message>
        <source>QR code for the authenticator app</source>
        <translation>認証アプリ用の QR コード</translation>
    </message>
    <message>
        <source>Scan it with the authenticator app on the user&apos;s phone</source>
        <translation>ユーザーのスマートフォンの認証アプリでスキャンします</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Session %1</source>
        <translation>セッション %1</translation>
    </message>
    <message>
        <source>Session (not saved)</source>
        <translation>セッション (保存されていません)</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>順番待ち(&amp;Q):</translation>
    </message>
    <message>
        <source>Users of this session</source>
        <translation>このセッションのユーザー</translation>
    </message>
    <message>
        <source>Skip…</source>
        <translation>スキップ…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Skip the selected user, saying why (Ctrl+K; from the wizard, the user in the wizard)</source>
        <translation>選んだユーザーを理由を添えてスキップ (Ctrl+K。ウィザードからはウィザードのユーザー)</translation>
    </message>
    <message>
        <source>Put the selected skipped or failed user back in the queue (Ctrl+R; from the wizard, the user in the wizard)</source>
        <translation>選んだスキップ済み・失敗のユーザーを順番待ちに戻す (Ctrl+R。ウィザードからはウィザードのユーザー)</translation>
    </message>
    <message>
        <source>Next user</source>
        <translation>次のユーザー</translation>
    </message>
    <message>
        <source>Go on with the next waiting user (Ctrl+N)</source>
        <translation>次に待っているユーザーに進む (Ctrl+N)</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Move the selected user up (Ctrl+Up)</source>
        <translation>選んだユーザーを上へ移動 (Ctrl+↑)</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Move the selected user down (Ctrl+Down)</source>
        <translation>選んだユーザーを下へ移動 (Ctrl+↓)</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>Add users to the queue (Insert)</source>
        <translation>ユーザーを順番待ちに追加 (Insert)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Take the selected user off the queue (Delete)</source>
        <translation>選んだユーザーを順番待ちから外す (Delete)</translation>
    </message>
    <message>
        <source>Elapsed %1 · average %2 a user</source>
        <translation>経過 %1・1 人あたり平均 %2</translation>
    </message>
    <message>
        <source>This session is not being saved: %1 The wizard and the queue go on; export the report before closing.</source>
        <translation>このセッションは保存されていません: %1 ウィザードと順番待ちはこのまま使えます。閉じる前に報告書を書き出してください。</translation>
    </message>
    <message>
        <source>%1: %2 done (%3 verified), %4 to go, %5 skipped, %6 failed</source>
        <translation>%1: 完了 %2 (確認済み %3)、残り %4、スキップ %5、失敗 %6</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RehearsalPage</name>
    <message>
        <source>Try the new sign-in</source>
        <translation>新しいサインインを試す</translation>
    </message>
    <message>
        <source>The user signs in once more, as they will next time. Cognito must now ask for the app&apos;s code.</source>
        <translation>ユーザーが次回と同じようにもう一度サインインします。Cognito は今度はアプリのコードを求めるはずです。</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>Password, typed again</source>
        <translation>パスワード (再入力)</translation>
    </message>
    <message>
        <source>Authenticator &amp;code:</source>
        <translation>認証アプリのコード(&amp;C):</translation>
    </message>
    <message>
        <source>Code from the authenticator app</source>
        <translation>認証アプリのコード</translation>
    </message>
    <message>
        <source>%1 types their password again. It is not kept.</source>
        <translation>%1 がもう一度パスワードを入力します。パスワードは保持されません。</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>サインイン(&amp;I)</translation>
    </message>
    <message>
        <source>Cognito asked for the authenticator app&apos;s code: the new sign-in method is in place.</source>
        <translation>Cognito が認証アプリのコードを求めました。新しいサインイン方法が有効です。</translation>
    </message>
    <message>
        <source>Chec&amp;k code</source>
        <translation>コードを確認(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Next user</source>
        <translation>次のユーザー(&amp;N)</translation>
    </message>
    <message>
        <source>Type the code the app shows now. It is a new code, not the one used a moment ago.</source>
        <translation>アプリに今表示されているコードを入力してください。先ほど使ったものとは別の新しいコードです。</translation>
    </message>
    <message>
        <source>%1 signed in with the authenticator app.</source>
        <translation>%1 は認証アプリでサインインしました。</translation>
    </message>
    <message>
        <source>Verified: the next sign-in asks for the authenticator app&apos;s code.</source>
        <translation>確認済み: 次回のサインインでは認証アプリのコードが求められます。</translation>
    </message>
    <message>
        <source>Cognito sent %1 a text message instead.</source>
        <translation>Cognito は代わりに %1 に SMS を送りました。</translation>
    </message>
    <message>
        <source>The change did not take: Cognito still asks for a code by text message. This is recorded.</source>
        <translation>変更が反映されていません: Cognito はまだ SMS のコードを求めます。このことは記録されます。</translation>
    </message>
    <message>
        <source>Cognito signed %1 in without asking for any code.</source>
        <translation>Cognito はコードを求めずに %1 をサインインさせました。</translation>
    </message>
    <message>
        <source>The change did not take: the sign-in asks for no code at all. This is recorded.</source>
        <translation>変更が反映されていません: サインインでコードがまったく求められません。このことは記録されます。</translation>
    </message>
    <message>
        <source>Cognito asked %1 for something else than the app&apos;s code.</source>
        <translation>Cognito は %1 にアプリのコード以外のものを求めました。</translation>
    </message>
    <message>
        <source>The change did not take: the sign-in does not ask for the app&apos;s code. This is recorded.</source>
        <translation>変更が反映されていません: サインインでアプリのコードが求められません。このことは記録されます。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>サインインしています…</translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation>コードを確認しています…</translation>
    </message>
    <message numerus="yes">
        <source>Wait for the next code: the app shows a new one in %n second(s). The code used to verify is not used again.</source>
        <translation>
            <numerusform>次のコードを待ってください。あと %n 秒でアプリに新しいコードが表示されます。確認に使ったコードは再び使いません。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <source>The file is larger than %1 MB; a roster is a list of usernames. Is it the right file?</source>
        <translation>ファイルが %1 MB を超えています。名簿はユーザー名の一覧です。正しいファイルですか？</translation>
    </message>
    <message>
        <source>Line %1 is not UTF-8 text. In Excel, save the file as “CSV UTF-8 (comma delimited)”.</source>
        <translation>%1 行目が UTF-8 のテキストではありません。Excel では「CSV UTF-8 (コンマ区切り)」で保存してください。</translation>
    </message>
    <message>
        <source>Line %1 cannot be read as CSV (a cell that is far too long, or a stray quote).</source>
        <translation>%1 行目を CSV として読み取れません (長すぎるセル、または閉じていない引用符があります)。</translation>
    </message>
    <message>
        <source>There is no username in it.</source>
        <translation>ユーザー名が 1 つもありません。</translation>
    </message>
    <message>
        <source>Line %1 is username number %2: a roster has %3 at most. Is it the right file?</source>
        <translation>%1 行目は %2 人目のユーザー名です。名簿は最大 %3 人までです。正しいファイルですか？</translation>
    </message>
    <message>
        <source>Line %1 is not a username: it has a space in it. Put one username on each line.</source>
        <translation>%1 行目はユーザー名ではありません (空白が含まれています)。1 行に 1 つのユーザー名を書いてください。</translation>
    </message>
    <message>
        <source>Line %1 is not a username: it is longer than %2 characters.</source>
        <translation>%1 行目はユーザー名ではありません (%2 文字を超えています)。</translation>
    </message>
    <message>
        <source>Line %1 is not a username: it has a control or invisible character in it.</source>
        <translation>%1 行目はユーザー名ではありません (制御文字または見えない文字が含まれています)。</translation>
    </message>
    <message>
        <source>The file cannot be opened.</source>
        <translation>ファイルを開けません。</translation>
    </message>
</context>
<context>
    <name>SavedConnections</name>
    <message>
        <source>Switch the connection?</source>
        <translation>接続を切り替えますか?</translation>
    </message>
    <message>
        <source>Switch to “%1” and stop enrolling %2?</source>
        <translation>「%1」に切り替えて、%2 の登録を中止しますか?</translation>
    </message>
    <message>
        <source>Switch to “%1” and stop this enrollment?</source>
        <translation>「%1」に切り替えて、この登録を中止しますか?</translation>
    </message>
    <message>
        <source>Everything typed for this user is wiped. The account keeps its current sign-in method.</source>
        <translation>このユーザーについて入力した内容はすべて消去されます。アカウントは現在のサインイン方法のままです。</translation>
    </message>
    <message>
        <source>&amp;Switch and start over</source>
        <translation>切り替えて最初から(&amp;S)</translation>
    </message>
    <message>
        <source>App client secret</source>
        <translation>アプリクライアントのシークレット</translation>
    </message>
    <message>
        <source>Type the app client secret of “%1”. This computer has no keyring, so it is kept only until the app closes. Leave it empty if the app client has no secret.</source>
        <translation>「%1」のアプリクライアントのシークレットを入力してください。このコンピューターにはキーリングがないため、アプリを閉じるまでしか保持されません。アプリクライアントにシークレットがない場合は、空欄のままにしてください。</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Saved connection</source>
        <translation>保存済みの接続</translation>
    </message>
</context>
<context>
    <name>SecretPage</name>
    <message>
        <source>Scan the QR code with the authenticator app</source>
        <translation>認証アプリで QR コードをスキャン</translation>
    </message>
    <message>
        <source>In Google Authenticator, Microsoft Authenticator, 1Password, Authy…: add an account, then scan this code.</source>
        <translation>Google Authenticator、Microsoft Authenticator、1Password、Authy などでアカウントを追加し、このコードをスキャンします。</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>次へ(&amp;N)</translation>
    </message>
    <message>
        <source>Setup key</source>
        <translation>セットアップキー</translation>
    </message>
    <message>
        <source>The QR code and the setup key are hidden while the window is minimised or the screen is locked.</source>
        <translation>ウィンドウの最小化中や画面のロック中は、
QR コードとセットアップキーを表示しません。</translation>
    </message>
    <message>
        <source>&amp;Copy key</source>
        <translation>キーをコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the setup key</source>
        <translation>セットアップキーをコピー</translation>
    </message>
    <message>
        <source>Puts the setup key on the clipboard; it is removed again after a short while</source>
        <translation>セットアップキーをクリップボードにコピーします。しばらくすると消去されます</translation>
    </message>
    <message>
        <source>&amp;Generate a new QR code…</source>
        <translation>新しい QR コードを作成(&amp;G)…</translation>
    </message>
    <message>
        <source>Generate a new QR code</source>
        <translation>新しい QR コードを作成</translation>
    </message>
    <message>
        <source>The code already scanned stops working</source>
        <translation>スキャン済みのコードは使えなくなります</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>発行者:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>アカウント:</translation>
    </message>
    <message>
        <source>The app will show:</source>
        <translation>アプリでの表示:</translation>
    </message>
    <message>
        <source>Cannot scan? Type this setup key instead:</source>
        <translation>スキャンできない場合は、
このセットアップキーを入力します:</translation>
    </message>
    <message>
        <source>Choose a time-based key if the app asks.</source>
        <translation>種類を聞かれたら「時間ベース」を選びます。</translation>
    </message>
    <message>
        <source>This is a new QR code. The previous one no longer works: delete it from the app if it was scanned.</source>
        <translation>新しい QR コードです。前のコードは使えなくなりました。スキャン済みの場合は、アプリから削除してください。</translation>
    </message>
    <message>
        <source>The old setup key was removed from the clipboard.</source>
        <translation>古いセットアップキーはクリップボードから削除しました。</translation>
    </message>
    <message>
        <source>The setup key was removed from the clipboard.</source>
        <translation>セットアップキーをクリップボードから消去しました。</translation>
    </message>
    <message>
        <source>Generate a new QR code?</source>
        <translation>新しい QR コードを作成しますか?</translation>
    </message>
    <message>
        <source>The code already scanned stops working. The user must delete it from the authenticator app and scan the new one.</source>
        <translation>スキャン済みのコードは使えなくなります。ユーザーは認証アプリからそれを削除し、新しいコードをスキャンする必要があります。</translation>
    </message>
    <message>
        <source>&amp;Generate new code</source>
        <translation>新しいコードを作成(&amp;G)</translation>
    </message>
    <message>
        <source>Setup key: %1</source>
        <translation>セットアップキー: %1</translation>
    </message>
    <message numerus="yes">
        <source>The setup key is on the clipboard for %n second(s), and is removed when this user is finished.</source>
        <translation>
            <numerusform>セットアップキーは %n 秒間クリップボードにあり、このユーザーの作業が終わると消去されます。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionControl</name>
    <message>
        <source>New session from a roster &amp;file…</source>
        <translation>名簿ファイルから新しいセッション(&amp;F)…</translation>
    </message>
    <message>
        <source>New session from &amp;pasted usernames…</source>
        <translation>貼り付けたユーザー名から新しいセッション(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Resume session %1</source>
        <translation>セッション %1 を再開(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Resume the previous session</source>
        <translation>前のセッションを再開(&amp;R)</translation>
    </message>
    <message>
        <source>Export the report as &amp;CSV…</source>
        <translation>報告書を CSV で書き出す(&amp;C)…</translation>
    </message>
    <message>
        <source>Save the report as P&amp;DF…</source>
        <translation>報告書を PDF で保存(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;End the session</source>
        <translation>セッションを終了(&amp;E)</translation>
    </message>
    <message>
        <source>Resume the session?</source>
        <translation>セッションを再開しますか?</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>今はしない(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Close it</source>
        <translation>閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>“Close it” keeps the session&apos;s report but no longer offers it.</source>
        <translation>「閉じる」を選ぶと、報告書は残りますが、再開の案内は出なくなります。</translation>
    </message>
    <message>
        <source>Finish or stop the current user first</source>
        <translation>先に現在のユーザーを完了または中止してください</translation>
    </message>
    <message>
        <source>A user is half-way through. Finish, or press Escape to stop, then start the session.</source>
        <translation>作業途中のユーザーがいます。完了するか、Esc キーで中止してから、セッションを開始してください。</translation>
    </message>
    <message>
        <source>Replace the current session?</source>
        <translation>今のセッションを置き換えますか?</translation>
    </message>
    <message numerus="yes">
        <source>Session %1 still has %n user(s) waiting.</source>
        <translation>
            <numerusform>セッション %1 にはまだ %n 人のユーザーが待っています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The current session (not saved) still has %n user(s) waiting.</source>
        <translation>
            <numerusform>今のセッション (保存されていません) にはまだ %n 人のユーザーが待っています。</numerusform>
        </translation>
    </message>
    <message>
        <source>It is kept as it is: Session ▸ Resume session %1 goes back to it, and the next start offers it while it is the latest unfinished one.</source>
        <translation>そのまま残ります。「セッション ▸ セッション %1 を再開」で戻れます。未完了のうち最新である間は、次回の起動時にも再開を提案します。</translation>
    </message>
    <message>
        <source>It cannot be resumed: export its report first if you need it.</source>
        <translation>再開はできません。必要なら先に報告書を書き出してください。</translation>
    </message>
    <message>
        <source>&amp;Start the new session</source>
        <translation>新しいセッションを開始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keep the current one</source>
        <translation>今のセッションを続ける(&amp;K)</translation>
    </message>
    <message>
        <source>Open a roster</source>
        <translation>名簿を開く</translation>
    </message>
    <message>
        <source>Rosters (*.csv *.txt);;All files (*)</source>
        <translation>名簿 (*.csv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>The roster cannot be used</source>
        <translation>名簿を使用できません</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新しいセッション</translation>
    </message>
    <message>
        <source>Usernames, one a line (or pasted from a spreadsheet):</source>
        <translation>ユーザー名 (1 行に 1 つ、またはスプレッドシートから貼り付け):</translation>
    </message>
    <message>
        <source>The usernames cannot be used</source>
        <translation>ユーザー名を使用できません</translation>
    </message>
    <message>
        <source>Skip a user</source>
        <translation>ユーザーをスキップ</translation>
    </message>
    <message>
        <source>Why is %1 skipped? (optional)</source>
        <translation>%1 をスキップする理由 (任意):</translation>
    </message>
    <message>
        <source>Add users</source>
        <translation>ユーザーを追加</translation>
    </message>
    <message>
        <source>Usernames to add, one a line:</source>
        <translation>追加するユーザー名 (1 行に 1 つ):</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>報告書を書き出す</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>報告書を保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>報告書は保存されませんでした</translation>
    </message>
    <message>
        <source>It cannot be written there (%1). Choose another folder.</source>
        <translation>その場所には書き込めません (%1)。別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>報告書を %1 に保存しました</translation>
    </message>
    <message>
        <source>Sessions cannot be opened</source>
        <translation>セッションを開けません</translation>
    </message>
    <message>
        <source>Session %1 (%2, started %3) is not finished: %4.</source>
        <translation>セッション %1 (%2、開始 %3) は終わっていません: %4。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n user(s) still waiting</source>
        <translation>
            <numerusform>%n 人中 %1 人がまだ待っています</numerusform>
        </translation>
    </message>
    <message>
        <source>Roster: %1 and %2 left out.</source>
        <translation>名簿: %1と%2を除きました。</translation>
    </message>
    <message numerus="yes">
        <source>%n repeated username(s)</source>
        <translation>
            <numerusform>重複したユーザー名 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n blank line(s)</source>
        <translation>
            <numerusform>空行 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;ession</source>
        <translation>セッション(&amp;E)</translation>
    </message>
    <message>
        <source>That name is a link or not a regular file, so nothing was written. Choose another name.</source>
        <translation>その名前はリンクか通常のファイルではないため、何も書き込んでいません。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>The session is open elsewhere</source>
        <translation>セッションは別の場所で開かれています</translation>
    </message>
    <message>
        <source>Session %1 is open in another copy of the app (%2 on %3). Go on there, or close that copy first. If that copy has stopped, try again in %4 s: the session can then be taken over.</source>
        <translation>セッション %1 は、別に起動しているアプリで開かれています (%3 の %2)。そちらで作業を続けるか、先にそのアプリを閉じてください。そのアプリが停止している場合は、%4 秒後にもう一度お試しください。そのときセッションを引き継げます。</translation>
    </message>
    <message>
        <source>Take the session over?</source>
        <translation>セッションを引き継ぎますか?</translation>
    </message>
    <message>
        <source>Session %1 was left open by a copy of the app that has stopped (%2 on %3). Take it over here? Its users stay as recorded; if that copy is still running after all, its changes are no longer saved.</source>
        <translation>セッション %1 は、停止したアプリ (%3 の %2) によって開かれたままになっています。ここで引き継ぎますか? ユーザーの状態は記録どおりに残ります。そのアプリがまだ動いていた場合、そちらでの変更は保存されなくなります。</translation>
    </message>
    <message>
        <source>&amp;Take over</source>
        <translation>引き継ぐ(&amp;T)</translation>
    </message>
</context>
<context>
    <name>SessionLabels</name>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>作業中</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登録済み</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>Already on an authenticator</source>
        <translation>すでに認証アプリを使用</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>the change did not take: Cognito still sends a text message</source>
        <translation>変更が反映されていません: Cognito はまだ SMS を送ります</translation>
    </message>
    <message>
        <source>the change did not take: the sign-in asks for no code</source>
        <translation>変更が反映されていません: サインインでコードを求められません</translation>
    </message>
    <message>
        <source>the change did not take: the sign-in asks for something else</source>
        <translation>変更が反映されていません: サインインで別の確認を求められます</translation>
    </message>
    <message>
        <source>stopped before the end</source>
        <translation>途中で中止</translation>
    </message>
    <message>
        <source>the account needs IT (not confirmed, or a password reset)</source>
        <translation>アカウントに IT の対応が必要です (未確認、またはパスワードのリセット)</translation>
    </message>
    <message>
        <source>a sign-in method the wizard does not support</source>
        <translation>ウィザードが対応していないサインイン方法</translation>
    </message>
    <message>
        <source>wrong username or password</source>
        <translation>ユーザー名またはパスワードの誤り</translation>
    </message>
    <message>
        <source>wrong code</source>
        <translation>コードの誤り</translation>
    </message>
    <message>
        <source>the sign-in expired</source>
        <translation>サインインの期限切れ</translation>
    </message>
    <message>
        <source>too many attempts</source>
        <translation>試行回数の超過</translation>
    </message>
    <message>
        <source>no connection to Cognito</source>
        <translation>Cognito に接続できない</translation>
    </message>
    <message>
        <source>a problem at Cognito</source>
        <translation>Cognito 側の問題</translation>
    </message>
    <message>
        <source>the connection settings</source>
        <translation>接続設定</translation>
    </message>
    <message>
        <source>the operator&apos;s AWS credentials</source>
        <translation>オペレーターの AWS 認証情報</translation>
    </message>
    <message>
        <source>the new password was refused</source>
        <translation>新しいパスワードが拒否された</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
    <message>
        <source>the new sign-in was not tried</source>
        <translation>新しいサインインは試していません</translation>
    </message>
</context>
<context>
    <name>SessionReport</name>
    <message>
        <source>Counts</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>No passwords, codes or secrets are recorded. Session %1.</source>
        <translation>パスワード、コード、秘密鍵は記録されません。セッション %1。</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>(training)</source>
        <translation>(トレーニング)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>名簿</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>経過時間</translation>
    </message>
    <message>
        <source>Average per user</source>
        <translation>1 人あたりの平均</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Onboarding session report</source>
        <translation>移行セッション報告書</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Type a number of seconds from 180 to 900, or leave it empty for Cognito&apos;s default (180).</source>
        <translation>180～900 の秒数を入力してください。空欄にすると Cognito の既定値 (180) になります。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Saved connections</source>
        <translation>保存済みの接続</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新規(&amp;N)</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>新しい接続</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>接続を削除</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Connection name</source>
        <translation>接続名</translation>
    </message>
    <message>
        <source>What happens to SMS after enrollment</source>
        <translation>登録後の SMS の扱い</translation>
    </message>
    <message>
        <source>How many seconds an SMS code is valid, optional</source>
        <translation>SMS コードの有効秒数 (任意)</translation>
    </message>
    <message>
        <source>Forget the saved secret</source>
        <translation>保存済みのシークレットを削除する</translation>
    </message>
    <message>
        <source>Forget the saved client secret</source>
        <translation>保存済みのクライアントシークレットを削除する</translation>
    </message>
    <message>
        <source>Switch SMS off</source>
        <translation>SMS を無効にする</translation>
    </message>
    <message>
        <source>Keep SMS as a fallback</source>
        <translation>SMS を予備として残す</translation>
    </message>
    <message>
        <source>180 (Cognito&apos;s default)</source>
        <translation>180 (Cognito の既定値)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>接続をテスト(&amp;T)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>接続をテスト</translation>
    </message>
    <message>
        <source>Save connection</source>
        <translation>接続を保存</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Managed connection</source>
        <translation>管理対象の接続</translation>
    </message>
    <message>
        <source>Connections that could not be read</source>
        <translation>読み込めなかった接続</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>環境設定</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システムの設定</translation>
    </message>
    <message>
        <source>Seconds of inactivity before the wizard wipes the current user</source>
        <translation>操作がないとき、ウィザードが現在のユーザーの情報を消去するまでの秒数</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Seconds before a copied setup key is removed from the clipboard</source>
        <translation>コピーしたセットアップキーをクリップボードから消去するまでの秒数</translation>
    </message>
    <message>
        <source>Audit folder</source>
        <translation>監査ログのフォルダー</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>%1 (managed by IT)</source>
        <translation>%1 (IT 部門が管理)</translation>
    </message>
    <message>
        <source>Provided by IT in %1; read-only.</source>
        <translation>IT 部門が %1 で提供しています。読み取り専用です。</translation>
    </message>
    <message>
        <source>The managed connection “%1” in %2 was skipped: %3</source>
        <translation>%2 の管理対象の接続「%1」は読み込みませんでした: %3</translation>
    </message>
    <message>
        <source>Save the changes to “%1”?</source>
        <translation>接続「%1」の変更を保存しますか?</translation>
    </message>
    <message>
        <source>Save the new connection?</source>
        <translation>新しい接続を保存しますか?</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>保存されていない変更</translation>
    </message>
    <message>
        <source>If you don&apos;t, what you typed here is lost.</source>
        <translation>保存しない場合、ここで入力した内容は失われます。</translation>
    </message>
    <message>
        <source>IT provides this connection (%1). It cannot be changed here; only its client secret can be entered.</source>
        <translation>この接続は IT 部門が提供しています (%1)。ここでは変更できません。入力できるのはクライアントシークレットだけです。</translation>
    </message>
    <message>
        <source>looking in the keyring…</source>
        <translation>キーリングを確認しています…</translation>
    </message>
    <message>
        <source>saved in the keyring; type to replace</source>
        <translation>キーリングに保存済み。入力すると置き換えます</translation>
    </message>
    <message>
        <source>kept until the app closes; type to replace</source>
        <translation>アプリを閉じるまで保持。入力すると置き換えます</translation>
    </message>
    <message>
        <source>only if the app client has one</source>
        <translation>アプリクライアントにある場合のみ</translation>
    </message>
    <message>
        <source>Saved. This computer has no usable keyring, so the client secret is kept only until the app closes.</source>
        <translation>保存しました。このコンピューターには使えるキーリングがないため、クライアントシークレットはアプリを閉じるまでしか保持されません。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>設定を保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Delete the connection “%1” and its saved client secret?</source>
        <translation>接続「%1」と、保存済みのクライアントシークレットを削除しますか?</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>接続をテストしています…</translation>
    </message>
    <message>
        <source>Connected to app client “%1”, but it does not allow admin sign-in. Turn on ALLOW_ADMIN_USER_PASSWORD_AUTH for it, or use user sign-in.</source>
        <translation>アプリクライアント「%1」に接続できましたが、管理者サインインが許可されていません。ALLOW_ADMIN_USER_PASSWORD_AUTH を有効にするか、ユーザーサインインを使ってください。</translation>
    </message>
    <message>
        <source>Connected. The user pool and app client “%1” answered.</source>
        <translation>接続できました。ユーザープールとアプリクライアント「%1」が応答しました。</translation>
    </message>
    <message>
        <source>Connected. The user pool and app client answered.</source>
        <translation>接続できました。ユーザープールとアプリクライアントが応答しました。</translation>
    </message>
    <message>
        <source>The connection test failed: %1</source>
        <translation>接続テストに失敗しました: %1</translation>
    </message>
    <message>
        <source>The connection test failed: %1 (%2)</source>
        <translation>接続テストに失敗しました: %1 (%2)</translation>
    </message>
    <message>
        <source>The audit folder could not be opened: %1</source>
        <translation>監査ログのフォルダーを開けませんでした: %1</translation>
    </message>
    <message>
        <source>Set by your organization&apos;s policy</source>
        <translation>組織のポリシーで設定されています</translation>
    </message>
    <message>
        <source>Preferences shown greyed out are set by your organization&apos;s policy.</source>
        <translation>灰色で表示されている設定は、組織のポリシーで設定されています。</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>名前(&amp;M):</translation>
    </message>
    <message>
        <source>SMS a&amp;fter enrollment:</source>
        <translation>登録後の SMS(&amp;F):</translation>
    </message>
    <message>
        <source>SMS cod&amp;e valid for (s):</source>
        <translation>SMS コードの有効時間(&amp;E) (秒):</translation>
    </message>
    <message>
        <source>Sa&amp;ved connections:</source>
        <translation>保存済みの接続(&amp;V):</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>言語(&amp;G):</translation>
    </message>
    <message>
        <source>Wipe after inactivit&amp;y:</source>
        <translation>消去までの無操作時間(&amp;Y):</translation>
    </message>
    <message>
        <source>Clear the clip&amp;board after:</source>
        <translation>クリップボードの消去まで(&amp;B):</translation>
    </message>
    <message>
        <source>S&amp;how audit folder</source>
        <translation>監査ログのフォルダーを表示(&amp;H)</translation>
    </message>
    <message>
        <source>Show audit folder</source>
        <translation>監査ログのフォルダーを表示</translation>
    </message>
    <message>
        <source>Save secret</source>
        <translation>シークレットを保存</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Team campaign to &amp;join (optional):</source>
        <translation>参加するチームキャンペーン (任意)(&amp;J):</translation>
    </message>
    <message>
        <source>Team campaign this desk works on, optional</source>
        <translation>このデスクが作業するチームキャンペーン (任意)</translation>
    </message>
    <message>
        <source>Table that trac&amp;ks the campaign:</source>
        <translation>キャンペーンを記録するテーブル(&amp;K):</translation>
    </message>
    <message>
        <source>The team campaign&apos;s DynamoDB table</source>
        <translation>チームキャンペーンの DynamoDB テーブル</translation>
    </message>
</context>
<context>
    <name>SmsCard</name>
    <message>
        <source>Email to %1 (%2)</source>
        <translation>%1 宛てのメール (%2)</translation>
    </message>
    <message>
        <source>To %1 (%2)</source>
        <translation>宛先: %1 (%2)</translation>
    </message>
    <message>
        <source>Your verification code is</source>
        <translation>確認コード:</translation>
    </message>
    <message>
        <source>Verification code for %1</source>
        <translation>%1 の確認コード</translation>
    </message>
    <message>
        <source>Email to %1: verification code %2</source>
        <translation>%1 宛てのメール: 確認コード %2</translation>
    </message>
    <message>
        <source>Message to %1: verification code %2</source>
        <translation>%1 へのメッセージ: 確認コード %2</translation>
    </message>
    <message>
        <source>Not delivered: this phone has no signal. The code was sent, but it never arrives.</source>
        <translation>未配信: このスマートフォンは圏外です。コードは送信されましたが、届きません。</translation>
    </message>
    <message>
        <source>Message to %1 was not delivered</source>
        <translation>%1 へのメッセージは配信されませんでした</translation>
    </message>
</context>
<context>
    <name>SmsCodePage</name>
    <message>
        <source>Type the code from the text message</source>
        <translation>SMS のコードを入力</translation>
    </message>
    <message>
        <source>The user reads the 6-digit code from their phone, or types it here.</source>
        <translation>ユーザーがスマートフォンの 6 桁のコードを読み上げるか、ここに入力します。</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>続行(&amp;O)</translation>
    </message>
    <message>
        <source>Send a &amp;new code</source>
        <translation>新しいコードを送信(&amp;N)</translation>
    </message>
    <message>
        <source>Cognito sends another text message; earlier codes stop working</source>
        <translation>Cognito が SMS をもう一度送信します。以前のコードは使えなくなります</translation>
    </message>
    <message>
        <source>Type the code from the email</source>
        <translation>メールのコードを入力</translation>
    </message>
    <message>
        <source>The user reads the 6-digit code from their mailbox, or types it here.</source>
        <translation>ユーザーがメールで届いた 6 桁のコードを読み上げるか、ここに入力します。</translation>
    </message>
    <message>
        <source>Cognito sends another email; earlier codes stop working</source>
        <translation>Cognito が新しいメールを送ります。以前のコードは使えなくなります</translation>
    </message>
    <message>
        <source>Email &amp;code:</source>
        <translation>メールのコード(&amp;C):</translation>
    </message>
    <message>
        <source>Code from the email</source>
        <translation>メールで届いたコード</translation>
    </message>
    <message>
        <source>SMS &amp;code:</source>
        <translation>SMS のコード(&amp;C):</translation>
    </message>
    <message>
        <source>Code from the text message</source>
        <translation>SMS のコード</translation>
    </message>
    <message>
        <source>Six digits; spaces are fine</source>
        <translation>6 桁の数字。スペースは入っていても構いません</translation>
    </message>
    <message>
        <source>Wrong codes so far: %1. Attempts left: %2.</source>
        <translation>これまでの誤入力: %1 回。残りの試行回数: %2 回。</translation>
    </message>
    <message>
        <source>Wrong codes so far: %1.</source>
        <translation>これまでの誤入力: %1 回。</translation>
    </message>
    <message>
        <source>Cognito sent a code by email to %1.</source>
        <translation>Cognito が %1 にメールでコードを送りました。</translation>
    </message>
    <message>
        <source>Cognito sent a code by email to the user&apos;s mailbox.</source>
        <translation>Cognito がユーザーのメールアドレスにコードを送りました。</translation>
    </message>
    <message>
        <source>Cognito sent a code by text message to %1.</source>
        <translation>Cognito が %1 に SMS でコードを送信しました。</translation>
    </message>
    <message>
        <source>Cognito sent a code by text message to the user&apos;s phone.</source>
        <translation>Cognito がユーザーのスマートフォンに SMS でコードを送信しました。</translation>
    </message>
    <message>
        <source>This code has expired. Send a new code to continue.</source>
        <translation>このコードは期限切れです。続けるには新しいコードを送信してください。</translation>
    </message>
    <message>
        <source>The code has probably expired by now. If it is not accepted, send a new code.</source>
        <translation>コードはすでに期限切れの可能性があります。受け付けられない場合は、新しいコードを送信してください。</translation>
    </message>
    <message>
        <source>Time left for this code: %1 (minutes:seconds).</source>
        <translation>このコードの残り時間: %1 (分:秒)。</translation>
    </message>
    <message>
        <source>A new code was sent to %1. Earlier codes no longer work.</source>
        <translation>%1 に新しいコードを送信しました。以前のコードは使えません。</translation>
    </message>
    <message>
        <source>A new code was sent. Earlier codes no longer work.</source>
        <translation>新しいコードを送信しました。以前のコードは使えません。</translation>
    </message>
</context>
<context>
    <name>TeamControl</name>
    <message>
        <source>Take a user out of turn…</source>
        <translation>順番外でユーザーを受け付ける…</translation>
    </message>
    <message>
        <source>Skip this user…</source>
        <translation>このユーザーをスキップ…</translation>
    </message>
    <message>
        <source>Take a user out of turn</source>
        <translation>順番外でユーザーを受け付ける</translation>
    </message>
    <message>
        <source>Username of the user at the desk:</source>
        <translation>デスクに来たユーザーのユーザー名:</translation>
    </message>
    <message>
        <source>Skip a user</source>
        <translation>ユーザーをスキップ</translation>
    </message>
    <message>
        <source>Why is %1 skipped? (optional)</source>
        <translation>%1 をスキップする理由 (任意):</translation>
    </message>
    <message>
        <source>Finish or stop the current user first, then take the walk-in.</source>
        <translation>先に今のユーザーを終えるか中止してから、飛び込みのユーザーを受け付けてください。</translation>
    </message>
    <message numerus="yes">
        <source>The campaign table cannot be reached: finish this user; %n outcome(s) kept; no new users until it is back.</source>
        <translation>
            <numerusform>キャンペーンのテーブルに接続できません。このユーザーは最後まで進めてください。結果 %n 件をこのコンピューターに保存しています。接続が戻るまで新しいユーザーは割り当てられません。</numerusform>
        </translation>
    </message>
    <message>
        <source>The campaign table cannot be reached: finish this user; no new users until it is back.</source>
        <translation>キャンペーンのテーブルに接続できません。このユーザーは最後まで進めてください。接続が戻るまで新しいユーザーは割り当てられません。</translation>
    </message>
    <message numerus="yes">
        <source>The campaign table cannot be reached: %n outcome(s) kept; no new users until it is back.</source>
        <translation>
            <numerusform>キャンペーンのテーブルに接続できません。結果 %n 件をこのコンピューターに保存しています。接続が戻るまで新しいユーザーは割り当てられません。</numerusform>
        </translation>
    </message>
    <message>
        <source>The campaign table cannot be reached: no new users until it is back.</source>
        <translation>キャンペーンのテーブルに接続できません。接続が戻るまで新しいユーザーは割り当てられません。</translation>
    </message>
    <message>
        <source>The app tries again every few seconds; nothing is lost.</source>
        <translation>アプリが数秒ごとに再試行します。何も失われません。</translation>
    </message>
    <message>
        <source>Try again now</source>
        <translation>今すぐ再試行</translation>
    </message>
    <message>
        <source>Another desk has taken %1 over: %2.</source>
        <translation>別のデスクが %1 を引き継ぎました: %2。</translation>
    </message>
    <message>
        <source>This desk no longer holds %1: its hold lapsed.</source>
        <translation>このデスクはもう %1 を担当していません。担当の期限が切れました。</translation>
    </message>
    <message>
        <source>Carry on with the user: the outcome is recorded as a late one, and the lead sees it.</source>
        <translation>このユーザーの作業はそのまま続けてください。結果は遅れて届いた結果として記録され、リーダーに表示されます。</translation>
    </message>
    <message>
        <source>%1 is held by %2 at %3.</source>
        <translation>%1 は %3 の %2 が担当しています。</translation>
    </message>
</context>
<context>
    <name>TeamMessages</name>
    <message>
        <source>There is no campaign table of this name in this AWS account and region.</source>
        <translation>この AWS アカウントとリージョンには、この名前のキャンペーン用のテーブルがありません。</translation>
    </message>
    <message>
        <source>Check the table&apos;s name and the connection&apos;s region.</source>
        <translation>テーブル名と接続のリージョンを確認してください。</translation>
    </message>
    <message>
        <source>This table is not a campaign table: its keys or its index are not the template&apos;s.</source>
        <translation>このテーブルはキャンペーン用のテーブルではありません。キーまたはインデックスがテンプレートと異なります。</translation>
    </message>
    <message>
        <source>Make the table with the template in docs/team-campaigns.md.</source>
        <translation>docs/team-campaigns.md のテンプレートでテーブルを作成してください。</translation>
    </message>
    <message>
        <source>This campaign was written by a newer version of the app.</source>
        <translation>このキャンペーンは、より新しいバージョンのアプリで書き込まれています。</translation>
    </message>
    <message>
        <source>Update the app on this computer to open it.</source>
        <translation>開くには、このコンピューターのアプリを更新してください。</translation>
    </message>
    <message>
        <source>There is no campaign of this name in the table.</source>
        <translation>テーブルにこの名前のキャンペーンはありません。</translation>
    </message>
    <message>
        <source>Check the campaign&apos;s name (it is case-sensitive).</source>
        <translation>キャンペーン名を確認してください (大文字と小文字は区別されます)。</translation>
    </message>
    <message>
        <source>A campaign of this name already exists.</source>
        <translation>この名前のキャンペーンはすでにあります。</translation>
    </message>
    <message>
        <source>This campaign is closed.</source>
        <translation>このキャンペーンは終了しています。</translation>
    </message>
    <message>
        <source>This campaign belongs to another user pool than this connection&apos;s.</source>
        <translation>このキャンペーンは、この接続とは別のユーザープールのものです。</translation>
    </message>
    <message>
        <source>Connect to the campaign&apos;s user pool, or open another campaign.</source>
        <translation>キャンペーンのユーザープールに接続するか、別のキャンペーンを開いてください。</translation>
    </message>
    <message>
        <source>This user is not on the campaign&apos;s list.</source>
        <translation>このユーザーはキャンペーンの一覧にありません。</translation>
    </message>
    <message>
        <source>Another desk is working with this user: %1.</source>
        <translation>別のデスクがこのユーザーの作業中です: %1。</translation>
    </message>
    <message>
        <source>This user already has an outcome in the campaign.</source>
        <translation>このユーザーにはキャンペーンでの結果がすでにあります。</translation>
    </message>
    <message>
        <source>This desk no longer holds the user: its hold lapsed.</source>
        <translation>このデスクはもうこのユーザーを担当していません。担当の期限が切れました。</translation>
    </message>
    <message>
        <source>Finish with the user; the outcome is recorded and the lead sees the overlap.</source>
        <translation>このユーザーの作業を終えてください。結果は記録され、重複はリーダーに表示されます。</translation>
    </message>
    <message>
        <source>Your AWS identity is not allowed to do this (%1).</source>
        <translation>あなたの AWS ID には、この操作 (%1) の権限がありません。</translation>
    </message>
    <message>
        <source>Ask IT for the campaign policy in docs/team-campaigns.md.</source>
        <translation>docs/team-campaigns.md のキャンペーン用ポリシーを IT 部門に依頼してください。</translation>
    </message>
    <message>
        <source>DynamoDB is receiving too many requests right now.</source>
        <translation>DynamoDB は現在リクエストが多すぎます。</translation>
    </message>
    <message>
        <source>The app tries again at the next refresh; nothing is lost.</source>
        <translation>次の更新時にもう一度試します。失われるものはありません。</translation>
    </message>
    <message>
        <source>Other desks kept changing the campaign at the same moment.</source>
        <translation>ほかのデスクが同時にキャンペーンを変更し続けました。</translation>
    </message>
    <message>
        <source>Try again in a moment; nothing is lost.</source>
        <translation>少し待ってからもう一度試してください。失われるものはありません。</translation>
    </message>
    <message>
        <source>The campaign table cannot be reached (network, proxy or endpoint).</source>
        <translation>キャンペーンのテーブルに接続できません (ネットワーク、プロキシ、またはエンドポイント)。</translation>
    </message>
    <message>
        <source>The app tries again at the next refresh.</source>
        <translation>次の更新時にもう一度試します。</translation>
    </message>
    <message>
        <source>There are no usable AWS credentials for the campaign table.</source>
        <translation>キャンペーンのテーブルに使える AWS 認証情報がありません。</translation>
    </message>
    <message>
        <source>Check the AWS profile, or sign in again (aws sso login).</source>
        <translation>AWS プロファイルを確認するか、もう一度サインインしてください (aws sso login)。</translation>
    </message>
    <message>
        <source>The DynamoDB endpoint is plain http to another computer; the app refuses it.</source>
        <translation>DynamoDB のエンドポイントが別のコンピューターへの暗号化されていない http のため、使用しません。</translation>
    </message>
    <message>
        <source>Use an https endpoint.</source>
        <translation>https のエンドポイントを使ってください。</translation>
    </message>
    <message>
        <source>AWS refused the request (%1 %2).</source>
        <translation>AWS がリクエストを拒否しました (%1 %2)。</translation>
    </message>
    <message>
        <source>Try again; if it keeps failing, show IT the details.</source>
        <translation>もう一度試してください。失敗が続く場合は、詳細を IT 部門に見せてください。</translation>
    </message>
    <message>
        <source>--campaign and --roster cannot be used together: a desk of a team campaign takes its users from the campaign&apos;s table, not from a roster.</source>
        <translation>--campaign と --roster は同時に指定できません。チームキャンペーンのデスクは、名簿ではなくキャンペーンのテーブルからユーザーを受け取ります。</translation>
    </message>
    <message>
        <source>--campaign cannot be used with --demo: training mode has no campaign table.</source>
        <translation>--campaign は --demo と同時に指定できません。トレーニングモードにはキャンペーンのテーブルがありません。</translation>
    </message>
    <message>
        <source>--campaign needs the campaign&apos;s table: give --campaign-table TABLE, or save the table with the connection.</source>
        <translation>--campaign にはキャンペーンのテーブルが必要です。--campaign-table TABLE を指定するか、接続設定にテーブルを保存してください。</translation>
    </message>
    <message>
        <source>--campaign-table needs the campaign&apos;s name: give --campaign NAME too.</source>
        <translation>--campaign-table にはキャンペーン名が必要です。--campaign NAME も指定してください。</translation>
    </message>
</context>
<context>
    <name>TeamPanel</name>
    <message>
        <source>Team campaign %1</source>
        <translation>チームキャンペーン %1</translation>
    </message>
    <message>
        <source>Team campaign</source>
        <translation>チームキャンペーン</translation>
    </message>
    <message>
        <source>Who holds which user:</source>
        <translation>各ユーザーの担当:</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>デスク</translation>
    </message>
    <message>
        <source>Take a user out of turn…</source>
        <translation>順番外でユーザーを受け付ける…</translation>
    </message>
    <message>
        <source>Skip this user…</source>
        <translation>このユーザーをスキップ…</translation>
    </message>
    <message>
        <source>The user is not here: record them as skipped and take the next (%1)</source>
        <translation>ユーザーが来ていないとき: スキップとして記録し、次のユーザーに進みます (%1)</translation>
    </message>
    <message>
        <source>A walk-in: take a named user now (%1)</source>
        <translation>飛び込み: 指定したユーザーを今すぐ受け付けます (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s): %1 finished, %2 waiting, %3 in progress.</source>
        <translation>
            <numerusform>ユーザー %n 人: 完了 %1、待機中 %2、作業中 %3。</numerusform>
        </translation>
    </message>
    <message>
        <source>Joining the campaign…</source>
        <translation>キャンペーンに参加しています…</translation>
    </message>
    <message>
        <source>This desk: %1</source>
        <translation>このデスク: %1</translation>
    </message>
    <message>
        <source>This desk: nobody is waiting to be taken.</source>
        <translation>このデスク: 受け付けを待っているユーザーはいません。</translation>
    </message>
    <message>
        <source>This desk: no user.</source>
        <translation>このデスク: ユーザーなし。</translation>
    </message>
    <message>
        <source>this desk</source>
        <translation>このデスク</translation>
    </message>
</context>
<context>
    <name>TeamReport</name>
    <message>
        <source>Team campaign report</source>
        <translation>チーム移行キャンペーンのレポート</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>キャンペーン</translation>
    </message>
    <message>
        <source>User pool</source>
        <translation>ユーザープール</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>終了日時</translation>
    </message>
    <message>
        <source>Late outcomes (conflicts)</source>
        <translation>遅れて届いた結果（競合）</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Per operator</source>
        <translation>オペレーター別</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <source>Per day (UTC)</source>
        <translation>日別（UTC）</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Where users got stuck</source>
        <translation>ユーザーがつまずいた箇所</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>回数</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>端末</translation>
    </message>
    <message>
        <source>Finished (UTC)</source>
        <translation>完了日時（UTC）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>No passwords, codes or secrets are recorded. Campaign %1.</source>
        <translation>パスワード、コード、シークレットは一切記録されません。キャンペーン %1。</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <source>Training mode</source>
        <translation>トレーニングモード</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>TRAINING MODE</source>
        <translation>トレーニングモード</translation>
    </message>
    <message>
        <source>Practice pool on this computer. No real account is changed.</source>
        <translation>このコンピューター上の練習用プールです。実際のアカウントは変更されません。</translation>
    </message>
    <message>
        <source>Training users…</source>
        <translation>トレーニング用ユーザー…</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>スマートフォン</translation>
    </message>
    <message>
        <source>Reset training data</source>
        <translation>トレーニングデータをリセット</translation>
    </message>
    <message>
        <source>Show the training users and their passwords</source>
        <translation>トレーニング用ユーザーとパスワードを表示</translation>
    </message>
    <message>
        <source>Show the training phone</source>
        <translation>トレーニング用スマートフォンを表示</translation>
    </message>
    <message>
        <source>Undo every change and start the training again</source>
        <translation>すべての変更を元に戻し、トレーニングを最初から始めます</translation>
    </message>
</context>
<context>
    <name>TrainingMode</name>
    <message>
        <source>Starting the training pool…</source>
        <translation>トレーニング用プールを起動しています…</translation>
    </message>
    <message>
        <source>A Cognito emulator is starting on this computer. Nothing is sent to AWS.</source>
        <translation>このコンピューター上で Cognito エミュレーターを起動しています。AWS には何も送信されません。</translation>
    </message>
    <message>
        <source>TRAINING — cogtotp-gui</source>
        <translation>トレーニング — cogtotp-gui</translation>
    </message>
    <message>
        <source>Reset the training data?</source>
        <translation>トレーニングデータをリセットしますか?</translation>
    </message>
    <message>
        <source>An enrollment is not finished. Resetting drops it and puts every training user back to the start.</source>
        <translation>登録が完了していません。リセットすると、この登録は破棄され、すべてのトレーニング用ユーザーが最初の状態に戻ります。</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>リセット(&amp;R)</translation>
    </message>
    <message>
        <source>Training · practice pool on this computer</source>
        <translation>トレーニング · このコンピューター上の練習用プール</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>トレーニング(&amp;T)</translation>
    </message>
    <message>
        <source>Training &amp;users…</source>
        <translation>トレーニング用ユーザー(&amp;U)…</translation>
    </message>
    <message>
        <source>Show the training &amp;phone</source>
        <translation>トレーニング用スマートフォンを表示(&amp;P)</translation>
    </message>
    <message>
        <source>Practice &amp;session</source>
        <translation>練習セッション(&amp;S)</translation>
    </message>
    <message>
        <source>An onboarding session with every training user queued, to rehearse a whole session</source>
        <translation>トレーニング用のユーザー全員を順番待ちに入れた移行セッションで、セッション全体を練習します</translation>
    </message>
    <message>
        <source>&amp;Reset training data</source>
        <translation>トレーニングデータをリセット(&amp;R)</translation>
    </message>
    <message>
        <source>The training pool could not be started</source>
        <translation>トレーニング用プールを起動できませんでした</translation>
    </message>
    <message>
        <source>Quit and start the training again. If it keeps failing, the installation is incomplete.</source>
        <translation>終了して、トレーニングをもう一度始めてください。それでも失敗する場合は、インストールが不完全です。</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>Resetting the training data…</source>
        <translation>トレーニングデータをリセットしています…</translation>
    </message>
    <message>
        <source>Every change is undone. The same users come back with the same passwords.</source>
        <translation>すべての変更が元に戻ります。同じユーザーが同じパスワードで使えるようになります。</translation>
    </message>
    <message>
        <source>Training data reset: every user is back to the start.</source>
        <translation>トレーニングデータをリセットしました。すべてのユーザーが最初の状態に戻りました。</translation>
    </message>
    <message>
        <source>Resetting the training data failed</source>
        <translation>トレーニングデータをリセットできませんでした</translation>
    </message>
    <message>
        <source>Training mode</source>
        <translation>トレーニングモード</translation>
    </message>
    <message>
        <source>Training mode only connects to the training pool on this computer.</source>
        <translation>トレーニングモードでは、このコンピューター上のトレーニング用プールにだけ接続します。</translation>
    </message>
    <message>
        <source>To enroll real users, quit and start %1 without --demo.</source>
        <translation>実際のユーザーを登録するには、終了してから %1 を --demo なしで起動してください。</translation>
    </message>
</context>
<context>
    <name>TrainingPhoneWindow</name>
    <message>
        <source>Training phone</source>
        <translation>トレーニング用スマートフォン</translation>
    </message>
    <message>
        <source>&amp;Phone of:</source>
        <translation>持ち主(&amp;P):</translation>
    </message>
    <message>
        <source>Whose phone this is</source>
        <translation>このスマートフォンの持ち主</translation>
    </message>
    <message>
        <source>Text messages</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Authenticator</source>
        <translation>認証アプリ</translation>
    </message>
    <message>
        <source>&amp;Add to authenticator</source>
        <translation>認証アプリに追加(&amp;A)</translation>
    </message>
    <message>
        <source>Add to authenticator (scan the QR code)</source>
        <translation>認証アプリに追加 (QR コードをスキャン)</translation>
    </message>
    <message>
        <source>No accounts yet.</source>
        <translation>アカウントはまだありません。</translation>
    </message>
    <message>
        <source>Authenticator accounts</source>
        <translation>認証アプリのアカウント</translation>
    </message>
    <message>
        <source>This window plays the user&apos;s phone. The QR code in the wizard is a real otpauth code: you can also scan it with an authenticator app on a real phone. Its codes then work for this training pool only.</source>
        <translation>このウィンドウはユーザーのスマートフォンの代わりです。ウィザードの QR コードは本物の otpauth コードなので、実際のスマートフォンの認証アプリでもスキャンできます。その場合のコードは、このトレーニング用プールでのみ使えます。</translation>
    </message>
    <message>
        <source>Every training user</source>
        <translation>すべてのトレーニング用ユーザー</translation>
    </message>
    <message>
        <source>This QR code is no longer valid. Ask the wizard for a new one.</source>
        <translation>この QR コードは無効になりました。ウィザードで新しいコードを作成してください。</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>電波</translation>
    </message>
    <message>
        <source>When the wizard shows a QR code, add it here.</source>
        <translation>ウィザードに QR コードが表示されたら、ここで追加します。</translation>
    </message>
    <message>
        <source>Messages and email</source>
        <translation>メッセージとメール</translation>
    </message>
    <message>
        <source>No messages yet. When the wizard signs in an SMS or email-MFA user, the code arrives here.</source>
        <translation>まだメッセージはありません。ウィザードが SMS またはメール MFA のユーザーをサインインさせると、ここにコードが届きます。</translation>
    </message>
    <message>
        <source>Added %1. Type its code into the wizard.</source>
        <translation>%1 を追加しました。そのコードをウィザードに入力してください。</translation>
    </message>
    <message>
        <source>The wizard shows a QR code for %1.</source>
        <translation>ウィザードに %1 の QR コードが表示されています。</translation>
    </message>
    <message>
        <source>No signal</source>
        <translation>圏外</translation>
    </message>
</context>
<context>
    <name>TrainingSession</name>
    <message>
        <source>The training pool could not be started: %1</source>
        <translation>トレーニング用プールを起動できませんでした: %1</translation>
    </message>
    <message>
        <source>Resetting the training data failed: %1</source>
        <translation>トレーニングデータをリセットできませんでした: %1</translation>
    </message>
</context>
<context>
    <name>TrainingUsers</name>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>SMS (second user)</source>
        <translation>SMS (2 人目のユーザー)</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>仮パスワード</translation>
    </message>
    <message>
        <source>Already uses an authenticator</source>
        <translation>すでに認証アプリを使用</translation>
    </message>
    <message>
        <source>No MFA</source>
        <translation>MFA なし</translation>
    </message>
    <message>
        <source>SMS never arrives</source>
        <translation>SMS が届かない</translation>
    </message>
    <message>
        <source>SMS and authenticator</source>
        <translation>SMS と認証アプリ</translation>
    </message>
    <message>
        <source>Email code</source>
        <translation>メールのコード</translation>
    </message>
    <message>
        <source>MFA required, none set up</source>
        <translation>MFA 必須、未設定</translation>
    </message>
    <message>
        <source>Lost authenticator</source>
        <translation>認証アプリを紛失</translation>
    </message>
    <message>
        <source>The normal case. The SMS code arrives on the training phone; then scan the QR code and type the authenticator&apos;s code.</source>
        <translation>通常のケースです。SMS のコードがトレーニング用スマートフォンに届きます。その後、QR コードをスキャンし、認証アプリのコードを入力します。</translation>
    </message>
    <message>
        <source>Another SMS user, to practise &quot;Next user&quot; after the first one is done.</source>
        <translation>もう 1 人の SMS ユーザーです。1 人目が終わったあとの「次のユーザー」の練習に使います。</translation>
    </message>
    <message>
        <source>Signs in with a temporary password: the wizard asks for a new one (for example %1), then the SMS code follows.</source>
        <translation>仮パスワードでサインインします。ウィザードが新しいパスワード (例: %1) を求め、その後 SMS のコードに進みます。</translation>
    </message>
    <message>
        <source>Already has an authenticator (see the training phone). The wizard says so; replacing it must be an explicit choice.</source>
        <translation>すでに認証アプリを使っています (トレーニング用スマートフォンを参照)。ウィザードはそのことを伝えます。置き換えるには明示的に選ぶ必要があります。</translation>
    </message>
    <message>
        <source>Has no MFA at all: after the password the wizard goes straight to the QR code.</source>
        <translation>MFA をまったく使っていません。パスワードのあと、ウィザードはすぐに QR コードに進みます。</translation>
    </message>
    <message>
        <source>The phone has no signal: the SMS code never arrives. Tell the user: “The text message has not arrived. Please check that your phone has signal, then I will send a new code.” Press “Send a new code”; if it still does not arrive, press “Next user” and arrange another time (the account keeps its SMS sign-in).</source>
        <translation>スマートフォンが圏外のため、SMS コードは届きません。ユーザーには「SMS が届いていません。電波が入っているか確認してください。新しいコードを送ります。」と伝えます。「新しいコードを送信」を押し、それでも届かなければ「次のユーザー」を押して別の日時を決めます(アカウントは SMS サインインのままです)。</translation>
    </message>
    <message>
        <source>Has SMS and an authenticator, neither preferred. The wizard picks SMS, then sets up a new authenticator.</source>
        <translation>SMS と認証アプリの両方があり、どちらも優先になっていません。ウィザードは SMS を選び、その後新しい認証アプリを設定します。</translation>
    </message>
    <message>
        <source>Uses email codes. The code arrives in the training phone&apos;s mailbox; then the user moves to an authenticator like an SMS user.</source>
        <translation>メールのコードを使っています。コードは練習用スマートフォンのメールボックスに届きます。その後は SMS のユーザーと同じように認証アプリへ移行します。</translation>
    </message>
    <message>
        <source>Lost the phone with the authenticator (it is not on the training phone). In admin mode choose &quot;The user lost their authenticator&quot;, confirm, and enroll a new one through SMS.</source>
        <translation>認証アプリの入ったスマートフォンを紛失しました (練習用スマートフォンには入っていません)。管理者モードで「ユーザーが認証アプリを紛失した」を選び、確認してから SMS で新しい認証アプリを登録します。</translation>
    </message>
    <message>
        <source>The pool requires MFA and the user has none: the QR code comes right after the password.</source>
        <translation>プールで MFA が必須なのに、ユーザーは何も設定していません。パスワードのすぐあとに QR コードが表示されます。</translation>
    </message>
</context>
<context>
    <name>TrainingUsersDialog</name>
    <message>
        <source>Training users</source>
        <translation>トレーニング用ユーザー</translation>
    </message>
    <message>
        <source>Sign in as any of these users to practise. They exist only in the training pool on this computer. &quot;Reset training data&quot; brings every user back to this state.</source>
        <translation>練習には、これらのユーザーのいずれかでサインインしてください。ユーザーはこのコンピューター上のトレーニング用プールにだけ存在します。「トレーニングデータをリセット」ですべてのユーザーがこの状態に戻ります。</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>What to expect</source>
        <translation>想定される流れ</translation>
    </message>
    <message>
        <source>username of %1</source>
        <translation>%1 のユーザー名</translation>
    </message>
    <message>
        <source>password of %1</source>
        <translation>%1 のパスワード</translation>
    </message>
    <message>
        <source>The wizard is connected to this training pool already. For the temporary password, any new password with upper and lower case, a digit and a symbol works, for example %1.</source>
        <translation>ウィザードはすでにこのトレーニング用プールに接続されています。仮パスワードの変更では、英大文字、英小文字、数字、記号を含む新しいパスワードなら何でも使えます (例: %1)。</translation>
    </message>
    <message>
        <source>Copied the %1 to the clipboard.</source>
        <translation>%1 をクリップボードにコピーしました。</translation>
    </message>
</context>
<context>
    <name>UnexpectedErrors</name>
    <message>
        <source>Unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
    <message>
        <source>What was typed is kept. If the page no longer responds, press Cancel to start over with this user.</source>
        <translation>入力した内容はそのまま残っています。画面が反応しなくなった場合は、「キャンセル」を押してこのユーザーの手続きをやり直してください。</translation>
    </message>
</context>
<context>
    <name>UnsupportedPage</name>
    <message>
        <source>This account cannot be moved by the wizard</source>
        <translation>このアカウントはウィザードで移行できません</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>何も変更されていません。</translation>
    </message>
    <message>
        <source>&amp;Next user</source>
        <translation>次のユーザー(&amp;N)</translation>
    </message>
    <message>
        <source>This user signs in without a password (for example with a code sent by email), so the wizard has no password to sign in with. Ask an administrator to set a password for the user, or enroll the authenticator from the app the user signs in to.</source>
        <translation>このユーザーはパスワードなしで (たとえばメールで届くコードで) サインインしているため、ウィザードにはサインインに使うパスワードがありません。管理者にユーザーのパスワード設定を依頼するか、ユーザーがサインインしているアプリから認証アプリを登録してください。</translation>
    </message>
    <message>
        <source>The user pool requires MFA but does not allow authenticator apps (TOTP). An administrator must turn on authenticator apps in the pool&apos;s MFA settings before this user can be enrolled.</source>
        <translation>このユーザープールは MFA を必須にしていますが、認証アプリ (TOTP) を許可していません。このユーザーを登録する前に、管理者がプールの MFA 設定で認証アプリを有効にする必要があります。</translation>
    </message>
    <message>
        <source>Cognito asked for a sign-in step the wizard does not support (%1). Ask an administrator to look at this account.</source>
        <translation>Cognito が、ウィザードの対応していないサインイン手順 (%1) を求めています。このアカウントの確認を管理者に依頼してください。</translation>
    </message>
</context>
<context>
    <name>_CopyCell</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 をコピー</translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation>コピー済み ✓</translation>
    </message>
</context>
<context>
    <name>_WaitingPanel</name>
    <message>
        <source>Preparing the training pool</source>
        <translation>トレーニング用プールを準備しています</translation>
    </message>
</context>
</TS>
