import sys

from cogtotp_gui.app import main

sys.exit(main())
